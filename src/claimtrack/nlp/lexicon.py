"""Word lists the extractors share: cue verbs, speaker nouns and titles.

These are closed-class English vocabulary for reporting and attribution, not names
from any article: a rule that needs a specific person or outlet does not belong here.
"""

from __future__ import annotations

# Verbs that report what someone said. Each introduces a claim only with content
# the parse can find: a clausal complement, an adjacent quotation, or one of the
# object frames below.
SPEECH_VERBS = frozenset(
    """
    say tell add warn insist argue deny note reaffirm urge emphasize emphasise charge
    tweet post write announce state claim explain stress acknowledge admit assert
    declare confirm suggest reply respond answer predict accuse allege complain concede
    contend maintain reiterate repeat reveal signal underline underscore vow pledge
    promise threaten caution conclude observe remark comment mention indicate highlight
    testify disclose assure boast concur counter demand dismiss inform lament proclaim
    propose protest recall recount remind retort speculate swear advise ask agree
    describe forecast guarantee hint imply quip reason rebut recommend relate request
    reassure affirm posit contest dispute refute appeal press brief estimate report
    acknowledge signal voice express call yell shout whisper specify clarify tout
    describe label brand dub term characterize characterise continue unveil offer refuse
    """.split()
)

# Opinion and cognition verbs: their complements are claims too, marked as opinions.
OPINION_VERBS = frozenset(
    """
    believe think feel fear expect hope doubt suspect worry consider reckon assume
    guess understand trust
    """.split()
)

# Verbs of saying that attribute a quotation standing next to them ('"...," she
# said'). Verbs that judge rather than report ("dismissed the "reform"") do not.
SAYING_VERBS = frozenset(
    """
    say tell add write tweet post state declare announce explain insist warn reply respond
    answer ask continue note argue claim quip shout yell whisper conclude recall remark
    comment observe predict promise vow pledge stress emphasize emphasise reiterate repeat
    admit acknowledge concede confirm assert maintain contend caution urge plead
    """.split()
)

# Verbs that introduce speech only next to a quotation ("spoke to reporters about
# "...""), never with a bare clause.
QUOTE_FRAME_VERBS = frozenset("speak talk write post tweet".split())

# Verbs whose content is an object plus an infinitive ("urged Russia to respect ..."):
# the claim then starts at the verb so that it reads as a statement.
OBJECT_CONTROL_VERBS = frozenset("urge ask press appeal call encourage implore request beg advise".split())

# Verbs that put a name on something: "called the plan premature", "described the
# move as a provocation".
NAMING_VERBS = frozenset("call describe label brand dub term characterize characterise".split())

# Commitments: their content is what is promised ("pledged to rebuild the bridge").
COMMITMENT_VERBS = frozenset("promise pledge vow threaten offer refuse agree announce unveil propose confirm".split())
# Of those, the ones whose object alone is the content ("announced new sanctions").
ANNOUNCING_VERBS = frozenset("announce unveil pledge promise propose confirm".split())

# Verbs whose claim is the negation of their complement: the verb stays in the text.
NEGATING_VERBS = frozenset("deny refute dispute reject dismiss rebut contest".split())

# Verbs that relay someone else's statement: when their content holds another cue,
# the inner speaker is the claim's author ("X said Y, the newspaper reports").
RELAYING_VERBS = frozenset("report note".split())

# Verbs whose subject gives a figure: "X put the number at N", "X reported N".
FIGURE_SOURCE_VERBS = frozenset(
    """put estimate place count tally number report post forecast project record expect
    confirm register acknowledge cite give announce pledge promise request appeal seek
    propose unveil""".split()
)

# Participles that continue the statement of the verb they hang from
# ("he said, adding that ...").
CONTINUATION_PARTICIPLES = frozenset(
    "add say note warn stress insist explain argue state emphasize emphasise caution".split()
)

PERSON_PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
}
NEUTER_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PERSON_PRONOUNS = frozenset({"i", "we", "me", "us", "my", "our"})
PRONOUNS = frozenset(PERSON_PRONOUNS) | NEUTER_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON_PRONOUNS

# Titles and role nouns that stand before a person's name or stand in for it.
ROLE_NOUNS = frozenset(
    """
    president minister secretary spokesman spokeswoman spokesperson chancellor ambassador
    diplomat envoy premier governor mayor senator congressman congresswoman representative
    lawmaker legislator chairman chairwoman chair chief head director leader commander
    general admiral colonel officer official adviser advisor aide counselor counsellor
    deputy prosecutor judge attorney analyst expert economist researcher professor
    negotiator king queen prince princess monarch pope cardinal bishop sheikh emir
    prime vice undersecretary commissioner councillor councilman councilwoman
    inspector sheriff captain lieutenant sergeant major marshal ceo founder executive
    manager editor correspondent reporter journalist activist campaigner lawyer
    candidate nominee speaker delegate representative counterpart foreign mediator
    spokesperson coach trainer referee pastor rabbi imam bishop dr dr.
    """.split()
)

# Nouns naming people collectively: their plural subjects speak as a group.
GROUP_NOUNS = frozenset(
    """
    official officials authority authorities diplomat diplomats leader leaders expert experts
    analyst analysts source sources officer officers lawmaker lawmakers minister ministers
    intelligence observer observers critic critics resident residents witness witnesses
    investigator investigators prosecutor prosecutors negotiator negotiators ally allies
    power powers partner partners envoy envoys member members representative
    representatives spokesperson spokespeople adviser advisers advisor advisors people
    separatist separatists rebel rebels activist activists scientist scientists doctor
    doctors military army forces troops police organiser organisers organizer organizers
    planner planners villager villagers protester protesters campaigner campaigners
    supporter supporters opponent opponents voter voters employee employees worker workers
    rescuer rescuers medic medics researcher researchers economist economists investor
    investors trader traders monitor monitors mediator mediators delegate delegates
    lawyer lawyers prosecutors judge judges teacher teachers student students farmer
    farmers residents survivors survivor relatives family families neighbours neighbors
    commanders commander soldiers soldier veterans prisoners detainees refugees
    """.split()
)

# Nouns naming institutions that issue statements.
INSTITUTION_NOUNS = frozenset(
    """
    ministry department government kremlin administration office agency council
    committee commission parliament congress senate court embassy alliance organization
    organisation union service bureau cabinet presidency command headquarters military
    army navy police party campaign company firm bank newspaper broadcaster secretariat
    mission delegation board authority group society association federation institute
    foundation network coalition regulator watchdog monitor observatory charity
    university school hospital club league centre center fund programme program
    commissioner commission tribunal observatory academy staff
    """.split()
)

# Abbreviated ranks and honorifics written before a name ("Gen.", "Lt. Col.", "Prof.").
TITLE_ABBREVIATIONS = frozenset(
    """gen lt col maj capt cpt sgt adm cmdr cdr brig dr prof rev sen rep gov amb hon supt insp
    det cpl pvt fr msgr""".split()
)

# Last words of place and building names ("Grace Church Street"), which a given name
# at the front does not make a person's.
PLACE_NAME_ENDINGS = frozenset(
    """street road avenue lane boulevard square station church cathedral mosque temple
    bridge airport port harbour harbor park hall tower river lake bay mountain valley
    district province region county city town village island palace stadium arena gate""".split()
)

# Lower-case words inside surnames: "Ursula von der Leyen", "Mohammed bin Salman".
NAME_PARTICLES = frozenset(
    "von van der den de del della da di du dos das la le ter ten bin ibn binti al el abu".split()
)

# Words that mark gender in titles and role nouns.
MALE_TITLES = frozenset("mr mr. sir spokesman chairman congressman councilman king prince lord".split())
FEMALE_TITLES = frozenset(
    "mrs mrs. ms ms. miss madam spokeswoman chairwoman congresswoman councilwoman queen princess lady dame".split()
)

# Role nouns that refer to the holder of a more specific title.
ROLE_SYNONYMS = {
    "diplomat": ("foreign minister", "secretary of state", "ambassador", "envoy", "diplomat"),
    "minister": ("minister", "secretary"),
    "envoy": ("envoy", "ambassador", "representative"),
    "spokesman": ("spokesman", "spokesperson", "spokeswoman", "press secretary"),
    "spokeswoman": ("spokeswoman", "spokesperson", "spokesman", "press secretary"),
    "spokesperson": ("spokesperson", "spokesman", "spokeswoman", "press secretary"),
    "leader": ("president", "prime minister", "chancellor", "premier", "leader", "head"),
    "president": ("president",),
    "chancellor": ("chancellor",),
    "ambassador": ("ambassador", "envoy"),
    "chief": ("chief", "head", "director", "secretary general", "secretary-general"),
    "ministry": ("ministry",),
}

# Sources that are documents: a statement "according to" one is its author's, and
# a document is never a speaker itself.
DOCUMENT_NOUNS = frozenset(
    """report reports tally count survey study studies estimate estimates data figures statement
    statements analysis assessment census poll polls review document documents record records
    image images footage photos video videos""".split()
)
