"""Vocabulary and shapes of the lines that are not article body, on any site.

These are general publishing conventions (agency credits, share bars, age stamps),
never strings from a particular page.
"""

from __future__ import annotations

import re

# News and photo agencies, as they appear in credit lines and datelines.
AGENCIES = (
    r"reuters|ap|afp|epa|epa-efe|efe|ansa|dpa|pa|pa wire|pa images|pa media|aap|anp|ap photo|"
    r"getty|getty images|shutterstock|rex|rex features|alamy|istock|istockphoto|sputnik|tass|ria novosti|"
    r"xinhua|nurphoto|zuma|zuma press|zuma wire|sipa|sipa usa|abaca|bloomberg|cnp|upi|"
    r"associated press|agence france-presse|pool|handout|file|kyodo|yonhap|anadolu|imago|picture alliance|"
    r"dreamstime|adobe stock|unsplash|pexels|wikimedia commons|ians|pti|ani|wam|spa|bernama|aljazeera"
)
AGENCY_WORDS = re.compile(rf"\b(?:{AGENCIES})\b", re.I)

# "X via Getty Images", "Photo: X", "(Photo by X)", "Credit: X", "Image source, X", "© X".
CREDIT_PHRASE = re.compile(
    r"(\bvia (?:getty|reuters|ap\b|afp|shutterstock|imago|alamy|zuma|bloomberg)"
    r"|^\(?(?:photo|photograph|picture|image|pic|credit|photo credit|image credit|image source|"
    r"source|illustration|video|graphic)s?(?: by)?\s*[:|,]"
    r"|^\(?(?:photo|photograph|picture|image|illustration)s? by\b"
    r"|^©|\bcopyright\b|\(c\)\s|getty images|shutterstock|istock|alamy|\bap photo\b|/ap\b|/reuters\b|/afp\b)",
    re.I,
)
# "NAME NAME/AGENCY/AGENCY": capitalised tokens joined by slashes, no sentence inside.
SLASH_CREDIT = re.compile(r"^[A-Z][\w.'\- ]{0,60}(?:/[A-Z][\w.'\- ]{0,60}){1,5}$")

# A leading gallery count ("8 Russian President...") on caption lines of some templates.
GALLERY_COUNT = re.compile(r"^\d{1,3}\s+(?=[A-Z\"'‘“])")

# Relative ages: "11 minutes ago", "2 hrs ago", "yesterday", "just now".
AGE = re.compile(
    r"^(?:about |updated |published )?(?:\d+|an?|one)\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|"
    r"hours?|d|days?|w|wk|wks|weeks?|mo|months?|y|yrs?|years?)\.?\s+ago\.?(?:\s+at\s+\d{1,2}:\d{2}\s*(?:[ap]m)?)?$|^(?:just now|yesterday)$",
    re.I,
)

# Whole short lines that are page furniture, not prose.
BOILERPLATE = re.compile(
    r"^(?:advertisement|advertisements?|sponsored(?: content)?|promoted(?: content)?|ad|ads|"
    r"story continues below(?: advertisement)?|continue reading(?: below)?|article continues below.*|"
    r"scroll to (?:continue|read more).*|"
    r"share(?: this)?(?: article| story| page| on \w+)?|share via|shares?|tweet|email|print|copy link|"
    r"link copied|save(?: article)?|bookmark|listen(?: to (?:this|the) article)?|"
    r"follow(?: us)?(?: on \w+)?|subscribe(?: now)?(?: to .*)?|sign up(?: .*)?|sign in|log ?in|register|"
    r"newsletter|get (?:the|our) .*newsletter.*|"
    r"read more(?: about .*)?|read more:?.*|read next|read also|see also|more on this story|"
    r"(?:\d+ )?comments?|no comments(?: yet)?\.*|view comments|leave a comment|add a comment|"
    r"show comments|join the conversation|"
    r"related(?: articles?| stories| content| news| coverage| posts| links| topics)?|"
    r"more from .*|more stories|most (?:read|popular|viewed)|trending(?: now)?|top stories|"
    r"you (?:may|might) also like|recommended(?: for you)?|"
    r"hashtags?|tags?:?|topics?:?|filed under:?|categories:?|"
    r"all rights reserved\.?|.*\ball rights reserved\b.*|terms of (?:use|service)|privacy policy|"
    r"cookie (?:policy|settings)|accept(?: all)?(?: cookies)?|"
    r"(?:updated|posted|published|last updated)(?: at| on)?:? [^.]{0,30}\d[^.]{0,30}|sorry!?|"
    r"click here.{0,40}|try our .{1,30}|explore .{1,40}|skip to (?:main )?content|back to top|menu|search|home|"
    r"close|open|next|previous|prev|loading\.*|watch(?: now| live)?|play video|video|photos?|"
    r"image \d+ of \d+|\d+ of \d+|enlarge(?: this image)?|toggle caption|hide caption|expand|collapse)(?:\s*\(\d+\))?[\s:.!…]*$",
    re.I,
)
# Boilerplate phrases that mark a line as furniture wherever they occur (short lines only).
BOILERPLATE_PHRASE = re.compile(
    r"\b(?:sign up for|subscribe to (?:our|the)|our newsletter|follow us on|"
    r"download (?:the|our) app|this article (?:was|is) (?:originally )?(?:published|produced)|"
    r"contact the author|reporting by .{0,80}editing by|(?:newsletter|inbox)\b.{0,40}\bsign up|"
    r"by (?:clicking|signing up|continuing)|enable javascript|your browser|"
    r"log in to|create (?:a|an|your) (?:free )?account|have a (?:news )?tip|"
    r"share (?:this|on) (?:facebook|twitter|x|whatsapp|linkedin)|get the latest|"
    r"please (?:refer|enable|note)|is in beta|may contain inaccuracies|thanks for (?:signing up|subscribing)|"
    r"error processing your subscription|keep an eye on your inbox|share it with a friend|"
    r"tell us what you think|send us your|don'?t miss|see more:|also on \w+\.\w+|"
    r"email address|this field is|your submission has been|something went wrong|javascript is required|"
    r"view (?:author|full) (?:page|profile|bio)|full bio|copy to clipboard|\d+ min(?:ute)?s? read|"
    r"start (?:a |your )?free trial|get a demo|request a demo|watch (?:the )?demo|learn more|apply (?:now|today)|"
    r"liked by|newest most voted|notify me of|save my name|required fields are marked|"
    r"(?:in|to) your inbox|delivered to your inbox|affiliate commission|reader-supported)\b",
    re.I,
)

# Related markers that head a list of other articles wherever they stand (an inline
# 'Related' box in mid-article is common; 'More from <author>' after it is not).
TEASER_SECTION = re.compile(
    r"^(?:more from .*|more stories(?: from .*)?|most (?:read|popular|viewed)|you (?:may|might) also like|"
    r"trending(?: now| stories)?|popular (?:now|stories)|latest (?:news|stories))[\s:.!…]*$",
    re.I,
)

# Lines after which the article is over: discussion, related or tag sections.
END_MARKER = re.compile(
    r"^(?:(?:\d+ )?comments?|no comments(?: yet)?\.*|view comments|leave a comment|join the conversation|"
    r"related(?: articles?| stories| content| news| coverage| posts| links| reading)?|"
    r"more from .*|more stories(?: from .*)?|more on this(?: story| topic)?|most (?:read|popular|viewed)|"
    r"you (?:may|might) also like|recommended(?: for you| stories| reading)?|read next|what to read next|"
    r"hashtags?|tags?|topics?|filed under|trending(?: now| stories)?|popular (?:now|stories)|"
    r"latest (?:news|stories)|around the web|from our partners|sponsored stories|"
    r"about the authors?|leave a (?:comment|reply).*|add (?:a |your )?comment|post a comment|"
    r"\d+ (?:comments|responses|replies|thoughts on .*)|comments are closed|join the discussion|discussion|"
    r"share this(?: article| story| post)?|share on .*|sharing is caring!?)(?:\s*\(\d+\))?[\s:.!…]*$",
    re.I,
)
RELATED_MARKER = re.compile(
    r"^(?:related(?: articles?| stories| content| news| coverage| posts| links| reading)?|"
    r"more from .*|more stories(?: from .*)?|more on this(?: story| topic)?|you (?:may|might) also like|"
    r"recommended(?: for you| stories| reading)?|read next|what to read next|latest (?:news|stories)|"
    r"most (?:read|popular|viewed)|trending(?: now| stories)?|popular (?:now|stories))[\s:.!…]*$",
    re.I,
)

# A line that is a byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters".
BYLINE = re.compile(r"^(?i:by|written by|words by|story by)\s+([A-Z][\w.'\-]+(?:[ ,]+(?:and |& )?[A-Z][\w.'\-]+){0,8})\s*$")

SENTENCE_END = re.compile(r"""[.!?…:;]["'’”)\]]*$|[.!?]["'’”]\s*\(?[A-Z]?\w*\)?$""")
LIST_BULLET = re.compile(r"^(?:[-•*▪●◦–]\s+|\d{1,2}[.)]\s+)")

# Comment-thread furniture: reply buttons, "Name says:", commenter lines with a stamp.
COMMENT_FURNITURE = re.compile(
    r"^(?:reply|log in to reply|reply to this comment|report(?: comment)?|permalink|flag|"
    r"\d+ (?:likes?|replies|upvotes?|points?)|[^.!?]{1,50} (?:says|wrote|commented):?|"
    r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3},? (?:on )?\w{3,9}\.? \d{1,2},? \d{4}(?:,? (?:at )?\d{1,2}:\d{2}\s*[ap]\.?m\.?)?)\s*$",
    re.I,
)

# Headings that open what follows an article on blogs and shop pages (author box, reader
# poll, further reading, archive teasers) where no comment or related marker stands:
# whole short lines only.
ASIDE_HEADING = re.compile(
    r"^(?:about the (?:author|writer|reviewer|expert)s?\b.*|about (?!the\b|this\b|our\b|a\b)\w+(?: \w+)?|"
    r"written by|meet the author|"
    r"more (?:videos|articles|posts|related posts|related articles|to (?:read|explore)|from (?:the|our) .*|you might like)|"
    r"related (?:products|resources|posts|articles|reading|content|guides|videos|topics)(?: (?:&|and) \w+)?|recommended posts|"
    r"(?:latest|recent|popular|featured|trending) (?:articles?|posts?|news|stories|videos?|guides?|insights)(?: .*)?|"
    r"from (?:our|the) archives?|keep exploring.*|recently by .*|article sources|footnotes|back to (?:the )?blog|"
    r"was this (?:page|article|post|guide|content) (?:helpful|useful)|how useful was this (?:post|article)|"
    r"rate this (?:article|post)|did you (?:like|enjoy) this (?:article|post)|what do you think|"
    r"(?:enjoyed|liked|found) this (?:piece|article|post|story|interesting|useful|helpful)\b.*|"
    r"how was this (?:issue|article|post|story)|help us improve\b.*|"
    r"this (?:story|article|work|journalism) (?:is|was) (?:funded|made possible|supported) by\b.*|"
    r"republish this (?:story|article)|want more (?:stories|articles) like this|why trust us|"
    r"(?:still )?have (?:any )?(?:more )?questions|see more reviews|"
    r"you (?:may|might) (?:also )?(?:like|enjoy)(?: to read| reading)?|"
    r"keep reading|continue exploring|explore more.*|"
    r"get more (?:\w+ )?(?:content|stories|articles|news|tips|updates)\b.*|stay (?:connected|updated|up to date)\b.*|"
    r"in case you missed it|icymi.*)[\s:.!?…]*$",
    re.I,
)

# A teaser for another article inside the body: "Related: <title>", "See also: <title>".
TEASER_LINE = re.compile(
    r"^\W{0,3}(?:related(?: article| story| post| reading)?|see also|recommended(?: reading)?|also read|read also|"
    r"read more|see more|you (?:may|might) also like)\s*[:|»>–—-]+\s*\w",
    re.I,
)

# A photo caption that ends with its own credit: "Protesters in the square (Image: Getty)".
CAPTION_CREDIT = re.compile(
    r"\((?:image|photo|picture|pic|photograph|credit|source)s?(?: credit)?:\s*[^)]{1,40}\)$", re.I
)

# Shop and review-list buttons ("Check price at Amazon", "Book now", "Read full review"),
# whole short lines.
BUTTON = re.compile(
    r"^\W*(?:book now|buy now|shop now|check price|buy (?:it )?(?:on|at|from)|read (?:the |our |full )*review|"
    r"jump to review|read on|view (?:this )?post on|read less|track price|best prices today|price comparison from|"
    r"\+? ?more info|see the rating|see (?:the )?(?:price|deal)s?|view (?:deal|offer|price|plans?))\b[^.]{0,30}$",
    re.I,
)

# A forum comment's header line: "by name ( 1234 ) writes:", "Re: Subject (Score: 3, Insightful)".
COMMENT_HEADER = re.compile(r"^by \S+ \(\s*\d+\s*\) writes:$|\(score:\s*-?\d+(?:,\s*[\w ]+)?\)$", re.I)
