"""A generic lexicon for reading answers: chat abbreviations, acronym expansions, British spellings,
negation cues, clause-splitting conjunctions and function words.

Nothing here is about one question: the same table serves answers and the pack's own wording, so
"authn", "db", "txn" and "LB" mean what an interviewer reads them as, wherever they appear.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


# One chat abbreviation or short form -> the words it stands for.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "authn": ("authentication",),
    "authz": ("authorization",),
    "authed": ("authenticated",),
    "db": ("database",),
    "dbs": ("databases",),
    "rdbms": ("relational", "database"),
    "lb": ("load", "balancer"),
    "lbs": ("load", "balancers"),
    "txn": ("transaction",),
    "txns": ("transactions",),
    "tx": ("transaction",),
    "xact": ("transaction",),
    "u": ("you",),
    "ur": ("your",),
    "bc": ("because",),
    "bcz": ("because",),
    "cuz": ("because",),
    "coz": ("because",),
    "cos": ("because",),
    "thru": ("through",),
    "tho": ("though",),
    "msg": ("message",),
    "msgs": ("messages",),
    "svc": ("service",),
    "svcs": ("services",),
    "srv": ("server",),
    "req": ("request",),
    "reqs": ("requests",),
    "resp": ("response",),
    "res": ("response",),
    "info": ("information",),
    "eq": ("equality",),
    "conn": ("connection",),
    "conns": ("connections",),
    "cxn": ("connection",),
    "cfg": ("configuration",),
    "impl": ("implementation",),
    "func": ("function",),
    "fn": ("function",),
    "obj": ("object",),
    "objs": ("objects",),
    "param": ("parameter",),
    "params": ("parameters",),
    "arg": ("argument",),
    "args": ("arguments",),
    "repo": ("repository",),
    "repos": ("repositories",),
    "deps": ("dependencies",),
    "dep": ("dependency",),
    "mem": ("memory",),
    "proc": ("process",),
    "procs": ("processes",),
    "idx": ("index",),
    "tbl": ("table",),
    "avg": ("average",),
    "num": ("number",),
    "ts": ("timestamp",),
    "cert": ("certificate",),
    "certs": ("certificates",),
    "dup": ("duplicate",),
    "dups": ("duplicates",),
    "dupes": ("duplicates",),
    "dedupe": ("deduplicate",),
    "pk": ("primary", "key"),
    "fk": ("foreign", "key"),
    "qps": ("queries", "per", "second"),
    "rps": ("requests", "per", "second"),
    "ops": ("operations",),
    "op": ("operation",),
    "addr": ("address",),
    "auto": ("automatic",),
    "btw": ("by", "the", "way"),
    "pls": ("please",),
    "config": ("configuration",),
    "configs": ("configurations",),
    "env": ("environment",),
    "envs": ("environments",),
    "prod": ("production",),
    "perf": ("performance",),
    "perms": ("permissions",),
    "perm": ("permission",),
    "creds": ("credentials",),
    "pwd": ("password",),
    "pw": ("password",),
    "passwd": ("password",),
    "mq": ("message", "queue"),
    "mqs": ("message", "queues"),
    "k8s": ("kubernetes",),
    "b4": ("before",),
    "w": ("with",),
    "wo": ("without",),
    "ppl": ("people",),
    "vs": ("versus",),
    "v": ("versus",),
    "async": ("asynchronous",),
    "sync": ("synchronous",),
    "asynchronously": ("asynchronous",),
    "synchronously": ("synchronous",),
    "nosql": ("nosql",),
    "btree": ("b", "tree"),
    "2fa": ("mfa",),
    "dos": ("ddos",),
    "signin": ("login",),
    "logon": ("login",),
    "microservice": ("microservice",),
    "microservices": ("microservices",),
    "websocket": ("websocket",),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "wont": ("will", "not"),
    "wouldnt": ("would", "not"),
    "shouldnt": ("should", "not"),
    "couldnt": ("could", "not"),
    "mustnt": ("must", "not"),
    "hasnt": ("has", "not"),
    "havent": ("have", "not"),
    "hadnt": ("had", "not"),
    "aint": ("is", "not"),
    "idk": ("i", "do", "not", "know"),
    "dunno": ("do", "not", "know"),
}

# Multi-word forms collapsed to one canonical token sequence (acronym expansions, split spellings).
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("no", "sql"): ("nosql",),
    ("non", "relational"): ("nosql",),
    ("not", "only", "sql"): ("nosql",),
    ("json", "web", "token"): ("jwt",),
    ("json", "web", "tokens"): ("jwts",),
    ("cross", "origin", "resource", "sharing"): ("cors",),
    ("cross", "origin", "resource", "share"): ("cors",),
    ("representational", "state", "transfer"): ("rest",),
    ("restful",): ("rest",),
    ("hypertext", "transfer", "protocol", "secure"): ("https",),
    ("hypertext", "transfer", "protocol"): ("http",),
    ("hyper", "text", "transfer", "protocol"): ("http",),
    ("transport", "layer", "security"): ("tls",),
    ("secure", "sockets", "layer"): ("ssl",),
    ("secure", "socket", "layer"): ("ssl",),
    ("structured", "query", "language"): ("sql",),
    ("application", "programming", "interface"): ("api",),
    ("application", "programming", "interfaces"): ("apis",),
    ("graph", "ql"): ("graphql",),
    ("g", "rpc"): ("grpc",),
    ("o", "auth"): ("oauth",),
    ("oauth2",): ("oauth",),
    ("oauth", "2"): ("oauth",),
    ("two", "factor"): ("mfa",),
    ("multi", "factor"): ("mfa",),
    ("2", "factor"): ("mfa",),
    ("time", "to", "live"): ("ttl",),
    ("distributed", "denial", "of", "service"): ("ddos",),
    ("denial", "of", "service"): ("ddos",),
    ("content", "delivery", "network"): ("cdn",),
    ("content", "distribution", "network"): ("cdn",),
    ("domain", "name", "system"): ("dns",),
    ("cross", "site", "scripting"): ("xss",),
    ("cross", "site", "request", "forgery"): ("csrf",),
    ("role", "based", "access", "control"): ("rbac",),
    ("single", "sign", "on"): ("sso",),
    ("create", "read", "update", "delete"): ("crud",),
    ("e", "mail"): ("email",),
    ("e", "mails"): ("emails",),
    ("back", "end"): ("backend",),
    ("front", "end"): ("frontend",),
    ("data", "base"): ("database",),
    ("data", "bases"): ("databases",),
    ("micro", "service"): ("microservice",),
    ("micro", "services"): ("microservices",),
    ("log", "in"): ("login",),
    ("logged", "in"): ("logged", "login"),
    ("logging", "in"): ("login",),
    ("sign", "in"): ("login",),
    ("signed", "in"): ("logged", "login"),
    ("log", "on"): ("login",),
    ("log", "out"): ("logout",),
    ("sign", "out"): ("logout",),
    ("set", "up"): ("setup",),
    ("b", "plus", "tree"): ("b", "tree"),
    ("web", "socket"): ("websocket",),
    ("web", "sockets"): ("websockets",),
    ("rabbit", "mq"): ("rabbitmq",),
    ("memcache",): ("memcached",),
    ("key", "val"): ("key", "value"),
    ("kv",): ("key", "value"),
    ("load", "balance"): ("load", "balancing"),
    ("load", "balanced"): ("load", "balancing"),
    ("loadbalancer",): ("load", "balancer"),
    ("loadbalancing",): ("load", "balancing"),
    ("round", "robin"): ("roundrobin",),
    ("roundrobin",): ("roundrobin",),
    ("stand", "for"): ("stands", "for"),
    ("get", "rid", "of"): ("remove",),
    ("gets", "rid", "of"): ("removes",),
    ("got", "rid", "of"): ("removed",),
    ("getting", "rid", "of"): ("removing",),
    ("access", "control", "allow", "origin"): ("accesscontrolalloworigin",),
    ("access", "control", "allow", "methods"): ("accesscontrolallowmethods",),
    ("access", "control", "allow", "headers"): ("accesscontrolallowheaders",),
    ("access", "control", "allow", "credentials"): ("accesscontrolallowcredentials",),
    ("access", "control", "max", "age"): ("accesscontrolmaxage",),
}

# Whole-word British spellings (the -ise/-isation family is handled by a rule in ``american``).
BRITISH: dict[str, str] = {
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "colour": "color",
    "favour": "favor",
    "honour": "honor",
    "labour": "labor",
    "neighbour": "neighbor",
    "centre": "center",
    "centres": "centers",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "licence": "license",
    "defence": "defense",
    "offence": "offense",
    "programme": "program",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "judgement": "judgment",
    "cheque": "check",
    "grey": "gray",
    "travelling": "traveling",
    "modelling": "modeling",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "signalling": "signaling",
    "labelled": "labeled",
    "queueing": "queuing",
    "enrol": "enroll",
}

# Words ending in -ise that are not British -ize spellings.
_ISE_EXCEPTIONS = _words(
    "otherwise precise concise exercise enterprise enterprises premise premises promise raise praise "
    "advise revise devise noise wise rise arise compromise expertise franchise merchandise surprise "
    "supervise televise disguise cruise bruise poise paradise improvise comprise likewise clockwise "
    "increase decrease release releases released releasing promised raised raising arising rising "
    "noisy exercised surprised compromised compromising advised revised devised supervised "
    "comprised comprising improvised reprise apprise chastise incise excise"
)
_ISE_RULE = re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$")


def american(word: str) -> str:
    """The American spelling of a lowercase word (unchanged when it is not a British variant)."""
    if word in BRITISH:
        return BRITISH[word]
    if "is" in word and word not in _ISE_EXCEPTIONS:
        match = _ISE_RULE.match(word)
        if match:
            return f"{match.group(1)}iz{match.group(2)}"
    return word


# Words that negate what follows them in the same clause.
NEGATION_CUES = _words(
    "not no never without none nothing neither nor instead rather unlike lacks lack lacking unable "
    "impossible non nobody nowhere"
)
# Verbs that keep what follows from being endorsed ("avoid MD5", "prevents SQL injection", "removes
# duplicate data"): for
# misconceptions they negate like "not"; in key points they are usually part of the claim.
SOFT_NEGATION_CUES = _words(
    "avoid avoids avoided avoiding prevent prevents prevented preventing stop stops stopping block blocks "
    "blocking against forbid forbids ban bans banned discourage never remove removes removed removing "
    "eliminate eliminates eliminated eliminating reduce reduces reduced reducing minimize minimizes "
    "minimizing"
)
# "verify it was not tampered with": a negation right after an auxiliary, inside the complement of
# one of these verbs, describes what is checked; it does not deny the sentence.
COMPLEMENT_VERBS = _words(
    "verify verifies verified verifying check checks checked checking ensure ensures ensured ensuring "
    "confirm confirms confirmed confirming guarantee guarantees guaranteed guaranteeing prove proves "
    "proving detect detects detecting sure know knows tell tells validate validates validating "
    "assert asserts"
)
AUXILIARIES = _words("is was were are has have had been does do did will would can could should be")
RELATIVE_PRONOUNS = _words("which that who where whose")
# "not only", "not just": the claim that follows is affirmed, not denied.
NEGATION_CANCELLERS = _words("only just merely simply solely")
# A subject right after these is being contrasted, not described ("unlike SQL, ...").
CONTRAST_BEFORE_SUBJECT = _words("unlike than versus opposed compared contrast instead rather not non")
# Words that start a new clause (negation scope and role binding stop at them).
CLAUSE_WORDS = _words(
    "but whereas while whilst however although though yet and so because since while "
    "meanwhile then therefore thus hence otherwise also plus after afterwards once finally"
)
# A clause opening with one of these is the next step of a sequence, not more about the last subject.
SEQUENCE_WORDS = _words("then after afterwards next later once before finally subsequently")
# Function words: prose has many, a bare keyword dump has almost none.
FUNCTION_WORDS = _words(
    "the a an is are was were be been being to of for in on at by with from as it its this that these "
    "those which who whom what how when where why if then so because than there their they them he she "
    "we you your i me my our us can could will would should may might must do does did has have had "
    "not no into over under about between through each every any some such only other very just "
    "lets let make makes means mean so same while whereas but unlike versus like via per"
)

# Everyday words the typo matcher must leave alone even though they are one letter away from a
# technical term ("taken" is not "token", "stale" is not "scale").
COMMON_WORDS = _words(
    """
    taken token spoken broken woken stale state scale sale tale shale table stable cable able
    later latter lower power tower cost post most host hosts ghost rules roles route router quiet
    quite queue value valid catch match batch patch fetch sketch static single signal design resign
    assign secret severe several serve nerve verse reserve conserve clean agent event invent prevent
    present percent patent parent transparent persistent insistent resistant existent assistant
    instant constant content context contact contract compact impact intact attract abstract
    extract distract subtract district restrict strict detect protect project object subject reject
    inject effect affect expect respect suspect select collect connect correct direct perfect
    reflect neglect elect erect insert assert desert expert export import report support sport short
    sort store stone stove score scope scene scheme theme there these those three threw throw
    through thorough though thought taught caught fought sought bought brought read reed ready
    already steady heavy leave leaves lease least beast feast east west best test text next
    rest nest guest quest request question suggestion section session mission permission
    position possible posible process progress profess produce product protect provide proved
    prove probe problem program programs programmer paper proper prosper propose purpose suppose
    compose compare compile complete complex comply company compute computer commute community
    common comment commit commits committee community minute minutes month months moment moments
    money monkey monday model modal module modular moral mortal mental metal medal middle little
    title tile time tine tone tune turn term team tear tier tied tide ride rude code mode node
    note nose rose rise wise wire fire hire here hero zero where were wore word work world would
    could should shoulder holder folder older order border boarder broader bread break breach
    beach reach teach peach each ever every fever never clever lever level label lable
    user users usage usual visual virtual actual factual mutual manual annual animal normal formal
    format forma form from front frontal total portal mortal postal cartel carte care core cure
    pure sure surely purely rarely barely merely nearly clearly really reality royal loyal
    legal regal equal usual casual causal caused cause pause phase phrase praise raise rinse
    sense tense dense dance lance range rang ring sing sign song long lung hung hang hand band
    bank rank tank thank think thing things thin than then them they their thee tree free
    three throne phone phones alone along among amount around round bound found sound pound
    """
)
