"""Small closed word lists shared by the entity, canonical-name and quote rules."""

from __future__ import annotations

PERSON_TITLES = {
    "President", "Vice", "Prime", "Minister", "Chancellor", "Premier", "King", "Queen", "Prince",
    "Princess", "Pope", "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sen", "Senator",
    "Rep", "Representative", "Gov", "Governor", "Mayor", "Gen", "General", "Lt", "Col", "Colonel",
    "Capt", "Captain", "Sgt", "Adm", "Admiral", "Judge", "Justice", "Secretary", "Speaker",
    "Leader", "Chairman", "Chairwoman", "Chair", "CEO", "Ambassador", "Commissioner", "Director",
    "Former", "former", "Sheikh", "Sir", "Dame", "Lord", "Lady", "Rev", "Reverend", "Father",
    "Saint", "St", "Chief", "Deputy", "Attorney", "Foreign", "Defense", "Defence", "Interior",
    "Finance", "Spokesman", "Spokeswoman", "Spokesperson", "Candidate", "Nominee", "Democrat",
    "Republican", "Lawmaker", "Emperor", "Ayatollah", "Crown", "Presidential", "Mrs.", "Mr.",
}

ORG_WORDS = {
    "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Company", "Co.", "Ltd", "LLC", "Group",
    "Ministry", "Office", "Party", "University", "College", "Council", "Agency", "Commission",
    "Union", "Bank", "Committee", "Department", "Institute", "Association", "Foundation",
    "Organization", "Organisation", "Service", "Services", "Court", "Congress", "Parliament",
    "Senate", "House", "Army", "Navy", "Force", "Forces", "Police", "Times", "News", "Post",
    "Journal", "Press", "Network", "Kremlin", "Pentagon", "Reuters", "Campaign", "Fund", "Board",
    "Authority", "Federation", "Alliance", "Coalition", "Administration", "Assembly", "Center",
    "Centre", "Club", "Church", "Hospital", "School", "Airlines", "Airways", "Motors", "Media",
    "Holdings", "Partners", "Capital", "Trust", "Bureau", "Guard", "Cabinet", "Government",
}

COUNTRIES = {
    "Afghanistan", "Albania", "Algeria", "Argentina", "Armenia", "Australia", "Austria",
    "Azerbaijan", "Bahrain", "Bangladesh", "Belarus", "Belgium", "Bolivia", "Bosnia", "Brazil",
    "Britain", "Bulgaria", "Cambodia", "Cameroon", "Canada", "Chile", "China", "Colombia", "Congo",
    "Croatia", "Cuba", "Cyprus", "Czechia", "Denmark", "Ecuador", "Egypt", "England", "Estonia",
    "Ethiopia", "Europe", "Finland", "France", "Georgia", "Germany", "Ghana", "Greece", "Haiti",
    "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy",
    "Japan", "Jordan", "Kazakhstan", "Kenya", "Korea", "Kosovo", "Kuwait", "Latvia", "Lebanon",
    "Libya", "Lithuania", "Malaysia", "Mali", "Mexico", "Moldova", "Mongolia", "Morocco",
    "Myanmar", "Nepal", "Netherlands", "Nigeria", "Norway", "Oman", "Pakistan", "Palestine",
    "Panama", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Rwanda",
    "Scotland", "Serbia", "Singapore", "Slovakia", "Slovenia", "Somalia", "Spain", "Sudan",
    "Sweden", "Switzerland", "Syria", "Taiwan", "Thailand", "Tunisia", "Turkey", "Turkiye",
    "Uganda", "Ukraine", "Uruguay", "Venezuela", "Vietnam", "Wales", "Yemen", "Zambia",
    "Zimbabwe", "United States", "United Kingdom", "US", "U.S.", "USA", "UK", "U.K.", "EU",
    "Gaza", "Crimea", "Washington", "Moscow", "Kyiv", "Kiev", "London", "Paris", "Berlin",
    "Beijing", "Istanbul", "Ankara", "Tehran", "Jerusalem", "Brussels", "Rome", "Tokyo",
    "New York", "California", "Texas", "Florida", "Ohio", "Iowa", "Vatican City", "Vatican",
}

DEMONYMS = {
    "American", "Americans", "Russian", "Russians", "Ukrainian", "Ukrainians", "British", "French",
    "German", "Germans", "Chinese", "Turkish", "Israeli", "Israelis", "Palestinian",
    "Palestinians", "Iranian", "European", "Europeans", "Western", "Democrats", "Republicans",
    "Democratic", "Republican", "Muslim", "Muslims", "Christian", "Christians", "Jewish", "Arab",
    "Soviet", "Japanese", "Indian", "Polish", "Italian", "Spanish", "Canadian", "Mexican",
}

SPEECH_VERBS = {
    "said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "wrote", "writes",
    "asked", "asks", "explained", "explains", "noted", "notes", "insisted", "insists", "stated",
    "states", "declared", "declares", "argued", "argues", "tweeted", "tweets", "posted", "posts",
    "replied", "replies", "responded", "responds", "warned", "warns", "claimed", "claims",
    "recalled", "recalls", "joked", "jokes", "acknowledged", "acknowledges", "admitted",
    "admits", "announced", "announces", "remarked", "remarks", "shouted", "yelled", "urged",
    "urges", "cautioned", "suggested", "suggests", "concluded", "predicted", "predicts",
    "complained", "complains", "boasted", "boasts", "quipped", "quips", "countered", "counters",
    "mused", "muses", "continued", "continues", "emphasized", "emphasised", "stressed",
    "stresses", "observed", "conceded", "concedes", "vowed", "vows", "promised", "promises",
    "charged", "contended", "contends", "added:", "agreed", "agrees", "demanded", "pledged",
    "proclaimed", "reiterated", "repeated", "cried", "screamed", "exclaimed", "whispered",
    "thundered", "scoffed", "sniffed", "snapped", "retorted", "began", "ranted", "lamented",
    "laments", "wondered", "wonders", "blasted", "tweeting", "writing", "telling", "adding",
    "noting", "explaining", "asking", "declaring", "arguing", "warning", "claiming", "insisting",
    "posting", "stating", "calling", "called", "calls", "described", "describes", "describing",
    "confirmed", "confirms", "denied", "denies", "told.", "echoed", "chimed", "offered",
    "answered", "answers", "read", "reads", "opined", "summed", "testified", "alleged",
    "maintained", "maintains", "reported", "reports", "predicting", "concluding", "recounted",
    "hailed", "praised", "accused", "criticized", "criticised", "slammed", "dismissed",
}

# verbs that introduce speech only in a fixed phrase ("according to X")
CUE_PHRASES = ("according to", "in the words of", "as put by")

PRONOUNS = {"he", "she", "they", "him", "her", "it", "we", "i", "you"}
PERSON_PRONOUNS = {"he", "she"}

STOP_CAPITALISED = {
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
    "I", "You", "His", "Her", "Their", "Our", "My", "Your", "In", "On", "At", "By", "For", "From",
    "With", "Without", "As", "But", "And", "Or", "If", "When", "While", "After", "Before",
    "Despite", "Under", "Over", "Both", "All", "Some", "Many", "Most", "Few", "Such", "There",
    "Here", "What", "Who", "Why", "How", "Where", "Which", "Since", "Until", "Though",
    "Although", "Because", "So", "Yet", "Still", "Also", "Even", "Just", "Only", "Not", "No",
    "Yes", "Now", "Then", "Today", "Yesterday", "Tomorrow", "Last", "Next", "Earlier", "Later",
    "According", "Meanwhile", "However", "Instead", "Former", "New", "Other", "Another", "Each",
    "Every", "More", "Less", "About", "Among", "Between", "Through", "During", "Into", "To",
    "Of", "Up", "Out", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Be", "Has", "Have",
    "Had", "Will", "Would", "Can", "Could", "Should", "May", "Might", "Must", "Let", "Please",
    "Read", "Watch", "Advertisement", "Mr", "Mrs", "Ms", "Dr", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "June",
    "July", "August", "September", "October", "November", "December", "Think", "Russian",
    "Ukrainian", "Turkish", "French", "British", "American", "Western", "European", "Chinese",
    "German", "Israeli", "Palestinian", "Iranian", "Soviet", "Democratic", "Republican",
}
