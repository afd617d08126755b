-- 0002 (PostgreSQL): find raw documents by the URL they came from.
CREATE INDEX raw_documents_uri ON raw_documents (uri);
CREATE INDEX raw_documents_final_url ON raw_documents (final_url) WHERE final_url IS NOT NULL;
