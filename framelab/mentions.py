"""Who a news text names, without a names list: people, organizations, their roles and genders, and pronouns.

:mod:`framelab.attribution` asks this module who a phrase next to a reporting verb is. Everything comes from the
text itself, with rules of general news usage (AP and Reuters style: a full name on first mention, the surname
alone later; a title before the name, "Interior Minister Karol Zeman"; a role in apposition, "Marek Sobel, the
mayor of Tarnhof"):

* :func:`people_in` reads every run of capitalised words: a title or role word splits it into the role and the
  name after it; a run holding an organization word (Ministry, Commission, Union…) is an organization.
* :class:`Cast` holds one article's people and organizations: a surname or given name alone maps to the one full
  name it belongs to, and the canonical speaker is the longest name seen. Gender is known only where the text
  states it: a gendered title or role (Mr, Ms, spokeswoman, mother of three) or a pronoun in a sentence that names
  one person only ("Irena Vasko has, to her credit, …"). No list of given names is used.
* :meth:`Cast.speaker_of` says who a subject phrase is: a name (canonical form), an organization, a description
  ("the mayor", "the ministry": the one the article named with that title), a pronoun (:meth:`Cast.resolve`: only
  when exactly one candidate fits), or nobody (an unnamed person, "one senior diplomat", "officials").

The word lists below (:data:`ROLES`, :data:`ORGANIZATIONS`, …) are general English news vocabulary written for
framelab from house-style knowledge (AP Stylebook titles, common organization and role nouns), not fitted to any
article; they were tuned on the development half of ``framelab/data/attribution_heldout`` and judged on its held-out half.

>>> cast = Cast.of("Interior Minister Karol Zeman spoke. Hours later Zeman left, and she stayed.")
>>> cast.canonical("Zeman"), sorted(cast.roles["Karol Zeman"])
('Karol Zeman', ['minister'])
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from framelab.lexicons import stop_words
from framelab.text import sentence_spans

#: Words that say what a person is or does, before a name ("Mayor Marek Sobel") or after one ("…, the mayor").
#: Gender is given where the word states it; "" for none.
ROLES: dict[str, str] = dict.fromkeys(
    "president minister secretary mayor deputy chair chairperson commissioner councillor councilor "
    "spokesperson leader director head chief executive governor senator ambassador envoy general colonel captain "
    "officer official judge lawmaker mp representative pope bishop professor prof dr doctor farmer grower "
    "landlord biologist hydrologist economist analyst expert engineer diplomat correspondent editor reporter "
    "resident manager founder owner teacher nurse student activist campaigner worker coach adviser advisor aide "
    "negotiator premier chancellor commander inspector auditor researcher scientist master clerk sheriff marshal "
    "superintendent supervisor trustee dean rector pastor priest rabbi imam cardinal archbishop admiral sergeant "
    "lieutenant major corporal detective constable prosecutor attorney lawyer solicitor barrister counsel "
    "magistrate coroner curator chef pilot driver fisherman baker shopkeeper pensioner retiree veteran survivor "
    "victim witness neighbour neighbor volunteer organiser organizer protester candidate nominee treasurer "
    "registrar ombudsman mediator referee skipper ceo".split(), "",
) | dict.fromkeys("mr herr sir lord king prince spokesman chairman businessman congressman father husband "
                  "son brother grandfather monsieur señor signor widower".split(), "m") | dict.fromkeys(
    "mrs ms miss frau dame lady queen princess spokeswoman chairwoman businesswoman congresswoman mother wife "
    "daughter sister grandmother madame señora signora widow landlady".split(), "f")
#: Words that make a capitalised run (or "the …") an organization, not a person.
ORGANIZATIONS = frozenset(
    "ministry commission government union company council office committee agency institute department works "
    "forum utility party court police embassy army military board bank authority administration association "
    "federation organisation organization group alliance coalition foundation university school hospital service "
    "corporation firm league network parliament senate assembly cabinet presidency palace secretariat bureau "
    "regulator society trust club church centre center broadcaster newspaper delegation municipality guard "
    "coastguard navy brigade unit command force forces shipping logistics lines maritime holdings industries "
    "partners systems technologies solutions petroleum mining motors pharmaceuticals insurance investments "
    "resources services trading chemicals steel operator insurer fund campaign movement network".split())
#: Capitalised words that end a place, not a person ("Market Street", "Place des Nations").
PLACES = frozenset("street road avenue square place bridge river lake valley mountains nations days".split())
#: Capitalised words that end the name of a publication or broadcaster: an organization ("The Washington Post").
PUBLICATIONS = frozenset("radio report review news times post journal courier herald daily weekly magazine gazette "
                         "tribune chronicle telegraph observer guardian standard express mirror wire press television "
                         "tv airlines airways railways holdings industries".split())
PRONOUNS = {"he": "m", "she": "f", "it": "org", "they": "org"}
#: Nouns for what someone said or wrote: "His letter …:" introduces his words.
SPEECH_NOUNS = frozenset("letter statement message post tweet words reply answer email note speech response".split())
#: Heads of a description that may mean any organization ("the company said").
GENERIC = frozenset("company firm group organisation organization operator".split())
#: Days and months: capitalised, never a speaker ("said Friday", "Monday’s closure").
CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april june "
                     "july august september october november december".split())
#: Words that open a phrase naming nobody in particular.
UNNAMED = frozenset("a an one another some several many most few two three four five no any each every others "
                    "other someone somebody nobody everyone anyone critics residents locals officials police "
                    "authorities sources insiders observers supporters opponents villagers parents people "
                    "regulars listeners viewers readers neighbours neighbors rescuers investigators".split())


def is_group(word: str) -> bool:
    """True for a plural common noun naming people ("Officials", "Witnesses", "Farmers"): nobody in particular.

    >>> is_group("Officials"), is_group("Witnesses"), is_group("Kos")
    (True, True, False)
    """
    w = bare(word)
    return w in UNNAMED or (w.endswith("s") and (w[:-1] in ROLES or w[:-2] in ROLES or w.endswith("ers")
                                                  and w[:-1] not in ROLES and len(w) > 5))
DETERMINERS = frozenset("the its his her their our my your this that these those".split())
CONNECTORS = frozenset("of for de des du la le van von der den da di al bin y".split())
#: Connectors that are part of a person's name ("Anna van der Berg", "Luis de Souza").
PARTICLES = frozenset("de des du la le van von der den da di al bin ter del dos das".split())
_WORD = re.compile(r"(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St)\.|[^\W\d_][\w’'-]*")
# he, his, himself; she, herself, and "her" before a word (possessive): "him" and a final "her" are objects,
# usually someone other than the person just named.
_GENDERED_PRONOUN = re.compile(r"\b(?:(he|his|himself)|(she|herself|her(?=\s+(?!to|at|on|in|for|with|about|after)[a-z])))\b",
                               re.IGNORECASE)
_HE_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")  # the he/she whose referent feeds a later pronoun's (Cast.resolve)
_HE_SHE_END = re.compile(r"(?:[Hh]e|[Ss]he)(?!\w)")
_WORD_CHAR = re.compile(r"\w")
#: What a pronoun sees in a stretch of text: (any candidate at all, up to two candidates of its gender).
_State = tuple[bool, tuple[str, ...]]
_NAMED_AS = re.compile(r"\b(?:name[sd]?\s+(?:only\s+)?as|identified\s+(?:only\s+)?as|known\s+only\s+as)\s+"
                       r"((?:[A-Z][\w’'-]+\s?){1,3})")


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word of ``text[start:end]``, offsets into ``text``.

    >>> [w for _, _, w in words("Dr. Paul Lenz, 52, said")]
    ['Dr.', 'Paul', 'Lenz', 'said']
    """
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def bare(word: str) -> str:
    """``word`` lower-cased, without a possessive or a full stop ("Osterland’s" → "osterland").

    >>> bare("Osterland’s"), bare("Dr."), bare("Farmers’")
    ('osterland', 'dr', 'farmers')
    """
    return re.sub(r"(?:[’']s?|\.)$", "", word).lower()


def is_capitalized(word: str) -> bool:
    """True for a word starting with a capital letter ("Kessel", "Jean-Luc", "VBC")."""
    return word[:1].isupper()


@dataclass(frozen=True)
class Named:
    """One run of capitalised words the text uses as a name.

    ``name`` is the name without its title ("Karol Zeman"), ``kind`` ``"person"`` or ``"organization"``,
    ``roles`` the lower-case title and role words before it, ``start``/``end`` offsets of the name.
    """

    start: int
    end: int
    name: str
    kind: str
    roles: tuple[str, ...] = ()


def read_phrase(tokens: list[tuple[int, int, str]]) -> Named | None:
    """What a run of words (title, role, name, organization) names, or None when it names no one.

    >>> read_phrase(words("Veldria Hydro spokesman Jonas Peretz"))
    Named(start=24, end=36, name='Jonas Peretz', kind='person', roles=('veldria', 'hydro', 'spokesman'))
    >>> read_phrase(words("Osterland’s Ministry of Water")).kind
    'organization'
    >>> read_phrase(words("one senior Veldrian diplomat")) is None
    True
    """
    while tokens and (bare(tokens[0][2]) in DETERMINERS | UNNAMED | CONNECTORS | stop_words() or tokens[0][2] == "I"):
        if tokens[0][2] in PARTICLES and _particles_then_name(tokens, 0):
            break  # "van der Berg"
        tokens = tokens[1:]
    if not tokens:
        return None
    lowered = [bare(w) for _, _, w in tokens]
    # the name is the capitalised words after the last title or role word
    k = len(tokens)
    while k and (is_capitalized(tokens[k - 1][2]) and lowered[k - 1] not in ROLES or (
            tokens[k - 1][2] in PARTICLES and k < len(tokens) and _particles_then_name(tokens, k - 1))):
        k -= 1
    for p in range(len(tokens) - 2, k - 1, -1):
        if re.search(r"[’']s$", tokens[p][2]) and lowered[p] not in ORGANIZATIONS:
            k = p + 1  # "Russia’s Lavrov", "Veldria’s Tomas Hadek": the possessor is not part of the name
            break
    name = tokens[k:]
    titled = k > 0 and lowered[k - 1] in ROLES
    if lowered[-1] in PUBLICATIONS and is_capitalized(tokens[-1][2]):
        return Named(tokens[0][0], tokens[-1][1], " ".join(w for _, _, w in tokens), "organization")
    if any(w in ORGANIZATIONS for w in lowered[k:]) or (not titled and any(w in ORGANIZATIONS for w in lowered)):
        return _organization(tokens, lowered)
    if not name or (len(name) == 1 and k == 0 and lowered[0] in UNNAMED) or lowered[-1] in PLACES:
        return None
    if k >= 2 and lowered[k - 1] == "of" and lowered[k - 2] in ROLES and len(name) >= 3:
        # "Secretary of Defense Lloyd Austin", "Minister of Foreign Affairs Anna Kos" (AP style): the title names a
        # department, the person is its last two words
        k, name = len(tokens) - 2, tokens[-2:]
        roles = tuple(w for w in lowered[:k] if w not in stop_words())
        return Named(name[0][0], name[-1][1], " ".join(w for _, _, w in name), "person", roles)
    if (k and lowered[k - 1] in CONNECTORS) or any(len(w) > 3 and w.isupper() for _, _, w in name) or \
            name[-1][2].endswith(("s’", "s'")):
        return None  # "the mayor of Tarnhof", a dateline "TARNHOF", "Foreign Ministers’": not a person
    roles = tuple(w for w in lowered[:k] if w not in stop_words())
    text = re.sub(r"[’']s$", "", " ".join(w for _, _, w in name))  # "Karol Zeman’s talk": the name is Karol Zeman
    return Named(name[0][0], name[0][0] + len(text), text, "person", roles)


def _organization(tokens: list[tuple[int, int, str]], lowered: list[str]) -> Named:
    """The organization a phrase holds: the words around its last organization word ("the Tarnhof water works",
    "calculations by the Institute for Economic Research" → "Institute for Economic Research")."""
    head = max(i for i, w in enumerate(lowered) if w in ORGANIZATIONS)
    a = head
    while a and (is_capitalized(tokens[a - 1][2]) or lowered[a - 1] in ORGANIZATIONS or (
            a == head and not is_capitalized(tokens[head][2]) and a >= 2 and is_capitalized(tokens[a - 2][2]))):
        a -= 1
    b = head + 1
    while b < len(tokens) and (is_capitalized(tokens[b][2]) or (
            lowered[b] in CONNECTORS and b + 1 < len(tokens) and is_capitalized(tokens[b + 1][2]))):
        b += 1
    name = re.sub(r"[’']s$", "", " ".join(w for _, _, w in tokens[a:b]))  # "Veldor Mining’s statement"
    return Named(tokens[a][0], tokens[a][0] + len(name), name, "organization")


def people_in(text: str) -> list[Named]:
    """Every run of capitalised words (with title and role words inside) that reads as a person or organization.

    A run of one capitalised word counts only after a title ("Commissioner Osei") or as the object of "gave her
    name as"; single words are otherwise places, months or surnames, which :class:`Cast` maps to full names.

    >>> [(n.name, n.kind) for n in people_in("Tarnhof Mayor Marek Sobel met the Osterland Farmers’ Union.")]
    [('Marek Sobel', 'person'), ('Osterland Farmers’ Union', 'organization')]
    """
    found: list[Named] = []
    tokens = words(text)
    lower = {w for _, _, w in tokens if w.islower()}  # words the text also writes in lower case
    i = 0
    while i < len(tokens):
        if not (is_capitalized(tokens[i][2]) or bare(tokens[i][2]) in ROLES):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and _continues(tokens, j, text):
            j += 1
        run = tokens[i:j]
        while run and not is_capitalized(run[-1][2]):
            run = run[:-1]
        sentence_initial = i == 0 or bool(re.search(r"[.!?:“”\"«»„]\s*$|\n\s*$", text[: tokens[i][0]][-4:]))
        if run and (bare(run[0][2]) in CALENDAR or sentence_initial and len(run) > 1 and bare(run[0][2]) not in ROLES
                                                      and bare(run[1][2]) not in ROLES and (
                run[0][2].lower().endswith("ly") or run[0][2].lower() in lower)):
            run = run[1:]  # "Later Zeman left", "Meanwhile Kos said", "Monday": not part of a name
        named = read_phrase(run) if run else None
        single = named is not None and " " not in named.name
        after_the = text[max(0, tokens[i][0] - 4) : tokens[i][0]].lower() == "the " and not (named and named.roles)
        if named and (not single or named.roles or named.kind == "organization") and not (
                single and sentence_initial and not named.roles) and not (after_the and named.kind == "person"):
            found.append(named)
        i = j
    for m in _NAMED_AS.finditer(text):
        name = m.group(1).strip()
        found.append(Named(m.start(1), m.start(1) + len(name), name, "person"))
    return sorted(found, key=lambda n: n.start)


def _particles_then_name(tokens: list[tuple[int, int, str]], j: int) -> bool:
    """True when tokens j… are name particles followed by a capitalised word ("van der Berg")."""
    while j < len(tokens) and tokens[j][2] in PARTICLES:
        j += 1
    return j < len(tokens) and is_capitalized(tokens[j][2])


def _continues(tokens: list[tuple[int, int, str]], j: int, text: str) -> bool:
    """True when word j continues the run of name, title and role words before it."""
    start, _, word = tokens[j]
    if text[tokens[j - 1][1] : start].strip() or "\n\n" in text[tokens[j - 1][1] : start].replace(" ", ""):
        return False  # punctuation or a paragraph break between: the run ends (a hard wrap does not end it)
    if is_capitalized(word) or bare(word) in ROLES or bare(word) in ORGANIZATIONS:
        return True
    # "Ministry of Water", "Place des Nations", "Anna van der Berg": a connector between capitalised words
    if word in PARTICLES and _particles_then_name(tokens, j):
        return True
    return (bare(word) in CONNECTORS and j + 1 < len(tokens) and is_capitalized(tokens[j + 1][2])
            and not text[tokens[j][1] : tokens[j + 1][0]].strip())


@dataclass
class Cast:
    """The people and organizations one article names: canonical names, roles, genders.

    ``names`` maps a canonical name to its kind; ``roles`` a canonical name to its role words (:data:`ROLES`);
    ``titles`` to every word of its titles and appositions ("prime", "minister", "state", "company");
    ``gender`` a canonical name to ``"m"`` or ``"f"`` where the text states it.
    """

    names: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)
    titles: dict[str, set[str]] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    mentions: list[Named] = field(default_factory=list)
    text: str = ""
    outside: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    _memo: dict[str, str] = field(default_factory=dict, repr=False)
    # word -> names holding it, so canonical() looks only at the names sharing a word (a 5 MB article names
    # thousands); names removed later stay in the index and are skipped. _indexed: every name indexed.
    _words: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _indexed: set[str] = field(default_factory=set, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)
    _lower: set[str] = field(default_factory=set, repr=False)  # words the reporter writes in lower case
    #: Work done by :meth:`resolve` (sentence events scanned and windows looked at): it grows linearly with the
    #: text, which tests/test_attribution_speed.py checks on texts that once made it explode.
    steps: int = field(default=0, init=False, repr=False, compare=False)
    # (low, depth, wanted, sentence) -> what a pronoun sees in that sentence up to each offset; see _prefix
    _seen: dict[tuple[int, int, str, int], tuple[list[int], list[_State]]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _seen_for: tuple = field(default=(), init=False, repr=False, compare=False)
    _pronouns: list[tuple[int, int, str]] = field(default_factory=list, init=False, repr=False, compare=False)
    _sentence_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, text: str, quoted: list[tuple[int, int]] = ()) -> Cast:
        """The cast of ``text`` (see the module docstring); ``quoted`` are (start, end) spans of quotations,
        whose pronouns say nothing about the people the reporter names."""
        cast = cls(text=text, outside=blank(text, quoted))
        cast.sentences = sentence_spans(cast.outside)
        for named in people_in(text):
            key = cast.canonical(named.name) if named.kind == "person" else named.name
            if named.kind == "person" and len(named.name.split()) > len(key.split()):
                key = named.name  # the longest form seen is the canonical speaker
            cast.names[key] = named.kind
            cast._index(key)
            cast.roles.setdefault(key, set()).update(r for r in named.roles if r in ROLES)
            cast.titles.setdefault(key, set()).update(named.roles)
            cast.mentions.append(Named(named.start, named.end, key, named.kind, named.roles))
        for named in cast.mentions:
            role_before = re.search(r"\b([a-z]+),\s*$", text[max(0, named.start - 30) : named.start])
            if role_before and role_before.group(1) in ROLES:  # "Its spokesman, Viktor Haas, said"
                cast.roles[named.name].add(role_before.group(1))
                cast.titles[named.name].add(role_before.group(1))
            after = re.match(r",\s+((?:the|a|an|his|her|its|their|[\w’'-]+[’']s)\s+)?([\w’'\s-]{0,60}?)[,.;]",
                             text[named.end : named.end + 80])
            found = [bare(t) for t in after.group(2).split()] if after else []
            if after and (after.group(1) or any(w in ROLES for w in found)):
                cast.roles[named.name].update(w for w in found if w in ROLES)
                cast.titles[named.name].update(w for w in found if w not in stop_words())
            head = re.match(r"\s*(?:(?:the|a|an)\s+)([\w’' -]+?)(?:\s+(?:of|with|that|who|which|for|in|at|on)\b|[,.;]|$)",
                            text[named.end + 1 : named.end + 80])
            head_words = head.group(1).split() if head else []  # [] for "the  ," (spaces only)
            if head_words and bare(head_words[-1]) in ORGANIZATIONS:
                cast.names[named.name] = "organization"  # "Veldria Hydro, the state company …"
                cast.titles[named.name].add(bare(head_words[-1]))
        # merge surname-only entries into full names seen later (the longest form wins)
        for key in list(cast.names):
            full = cast.canonical(key)
            if full != key:
                cast.roles.setdefault(full, set()).update(cast.roles.pop(key, set()))
                cast.titles.setdefault(full, set()).update(cast.titles.pop(key, set()))
                del cast.names[key]
        cast._memo.clear()
        cast.mentions = [Named(m.start, m.end, cast.canonical(m.name), cast.names.get(cast.canonical(m.name), m.kind),
                               m.roles) for m in cast.mentions]
        # a surname or given name alone ("Zeman met …", "said Hanna") is a mention of the one full name it is part of
        covered = {offset for m in cast.mentions for offset in range(m.start, m.end)}
        for start, end, word in words(text):
            if is_capitalized(word) and start not in covered:
                full = cast.canonical(re.sub(r"[’']s$", "", word))
                surname = full.split()[-1] == re.sub(r"[’']s$", "", word)
                if full != word and cast.names.get(full) == "person" and (surname or cast.roles.get(full)):
                    cast.mentions.append(Named(start, end, full, "person"))
        cast.mentions.sort(key=lambda m: m.start)
        for key, roles in cast.roles.items():
            genders = {ROLES[r] for r in roles if ROLES.get(r)}
            if len(genders) == 1:
                cast.gender[key] = genders.pop()
        cast._learn_gender(cast.outside)
        return cast

    def canonical(self, name: str) -> str:
        """The longest name seen that ``name`` is part of (surname or given name alone), else ``name``.

        >>> Cast.of("Marek Sobel spoke. Sobel left.").canonical("Sobel")
        'Marek Sobel'
        """
        if name in self._memo:
            return self._memo[name]
        parts = name.split()
        if len(self._indexed) < len(self.names):  # a cast built without Cast.of: index its names once
            for known in self.names:
                self._index(known)
        pools = [self._words.get(part, set()) for part in set(parts)]
        candidates = set.intersection(*pools) if pools else set(self.names)
        fuller = [n for n in candidates if self.names.get(n) == "person" and len(n.split()) > len(parts)
                  and _contains(n.split(), parts)]
        self._memo[name] = fuller[0] if len(fuller) == 1 else name
        return self._memo[name]

    def _index(self, name: str) -> None:
        if name not in self._indexed:
            self._indexed.add(name)
            for word in set(name.split()):
                self._words.setdefault(word, set()).add(name)

    def canonical_organization(self, name: str) -> str:
        """The longest organization name seen that contains ``name`` (case aside), else ``name``.

        >>> Cast.of("The Osterland Ministry of Water spoke.").canonical_organization("Ministry of Water")
        'Osterland Ministry of Water'
        """
        key = re.sub(r"^(?:the|its)\s+", "", name, flags=re.IGNORECASE)
        fuller = {n for n, kind in self.names.items() if kind == "organization" and key.lower() in n.lower()}
        fuller = {re.sub(r"^(?:the|its)\s+", "", n, flags=re.IGNORECASE) for n in fuller}
        return max(fuller, key=len) if fuller else key

    def speaker_of(self, span: tuple[int, int] | None, low: int = 0) -> tuple[str | None, str]:
        """(speaker, via) of the subject phrase at ``span``; ``low`` bounds pronoun look-back (inner quotations)."""
        if span is None:
            return None, ""
        tokens = words(self.outside, *span)
        if not tokens:
            return None, ""
        lowered = [bare(w) for _, _, w in tokens]
        if len(tokens) == 1 and lowered[0] in PRONOUNS:
            return self.resolve(lowered[0], span[0], low), "pronoun"
        if lowered[0] in ("his", "her", "their", "its") and lowered[-1] in SPEECH_NOUNS:
            pronoun = {"his": "he", "her": "she", "their": "they", "its": "it"}[lowered[0]]
            return self.resolve(pronoun, span[0], low), "pronoun"
        if lowered[0] in UNNAMED:
            return None, "unnamed"
        named = read_phrase(tokens)
        if named is None:
            return self.describe(tokens, span[0])
        if named.kind == "organization":
            if re.search(r"[’']s\s+[a-z]", named.name):
                return None, "unnamed"  # "Governor Price’s office": not the governor, and no organization's name
            if not any(is_capitalized(w) for _, _, w in tokens[1:]) and not (
                    is_capitalized(tokens[0][2]) and lowered[0] not in DETERMINERS):
                return self.describe(tokens, span[0])
            return self.canonical_organization(named.name), "organization"
        if all(bare(w) in CALENDAR for w in named.name.split()):
            return None, ""  # "announced Friday, …": a day or month is never a speaker
        name = self.canonical(named.name)
        if " " not in name and name not in self.names:
            before = self.outside[max(0, named.start - 200) : named.start].rstrip()
            initial = not before or before[-1] in ".!?:"
            if not self._lower:
                self._lower.update(w for _, _, w in words(self.outside) if w.islower())
            if initial and (is_group(name) or name.lower() in self._lower):
                return None, "unnamed"  # "Officials said", "Locals say": a common noun opening a sentence
        return name, "name"

    def describe(self, tokens: list[tuple[int, int, str]], offset: int) -> tuple[str | None, str]:
        """Speaker of "the ministry", "the prime minister": the organization or person named earlier whose name,
        title or apposition holds every word of the description; ``None`` when none or, for people, several do."""
        possessive = re.search(r"[’']s?$", tokens[0][2]) is not None  # "Osterland’s foreign minister"
        lowered = [bare(w) for _, _, w in tokens]
        head = lowered[-1]
        if head not in ORGANIZATIONS | set(ROLES) or not (lowered[0] in DETERMINERS or possessive):
            return None, "unnamed"
        kind = "organization" if head in ORGANIZATIONS else "person"
        wanted = {w for w in lowered[1:] if w not in DETERMINERS} if kind == "person" else {head}
        earlier = [m for m in self.mentions if m.start < offset and m.kind == kind
                   and wanted <= self.titles.get(m.name, set()) | {bare(w) for w in m.name.split()}]
        if not earlier and head in GENERIC:  # "the company": the one organization named in the sentences before
            recent = {m.name for m in self.mentions if offset - 400 < m.start < offset and m.kind == kind}
            earlier = [m for m in self.mentions if m.name in recent] if len(recent) == 1 else []
        names = {m.name for m in earlier}
        if not names or (kind == "person" and len(names) > 1):
            return None, "description"
        return earlier[-1].name, "description"

    def resolve(self, pronoun: str, offset: int, low: int = 0, depth: int = 0) -> str | None:
        """The one person (he, she) or organization (it, they) a pronoun at ``offset`` can mean, else None.

        The four sentences up to ``offset`` (none before ``low``) are read from the nearest back; the first that
        holds a candidate decides: the people named in it (for he and she, also whom each earlier he or she
        there resolves to, three levels deep) or organizations; exactly one of the right gender is the answer.
        What each sentence offers up to each offset is worked out once per cast (:meth:`_prefix`), so the cost
        is linear in the text, however many pronouns a sentence holds.

        >>> cast = Cast.of("Irena Vasko has, to her credit, spoken. Later she left.")
        >>> cast.resolve("she", cast.text.index("she")), cast.resolve("he", cast.text.index("she"))
        ('Irena Vasko', None)
        """
        wanted = PRONOUNS[pronoun]
        stamp = (id(self.outside), id(self.sentences), id(self.mentions), id(self.gender), len(self.sentences),
                 len(self.mentions), len(self.gender))
        if stamp != self._seen_for:  # built (or changed) since the last call: forget what was worked out
            self._seen.clear()
            self._seen_for = stamp
            self._pronouns[:] = [(m.start(), m.end(), m.group()) for m in _HE_SHE.finditer(self.outside)]
            self._sentence_starts[:] = [a for a, _ in self.sentences]
        return self._answer(wanted, offset, low, depth)

    def _answer(self, wanted: str, offset: int, low: int, depth: int) -> str | None:
        k = bisect.bisect_left(self._sentence_starts, offset)
        for i in range(k - 1, max(0, k - 4) - 1, -1):
            self.steps += 1
            if self.sentences[i][1] <= low:
                continue
            nonempty, fitting = self._window(i, low, depth, wanted, min(self.sentences[i][1], offset))
            if nonempty:
                return fitting[0] if len(fitting) == 1 else None
        return None

    def _window(self, i: int, low: int, depth: int, wanted: str, x: int) -> _State:
        """(any candidate, up to two fitting ones) in sentence ``i`` from ``low`` to ``x``."""
        a = max(self.sentences[i][0], low)
        if x <= a:
            return False, ()
        thresholds, states = self._prefix(i, low, depth, wanted)
        j = bisect.bisect_right(thresholds, x)
        state = states[j - 1] if j else (False, ())
        # a he/she ending at x with a letter after it: a match of the sliced text only (its end is a word boundary)
        if depth < 3 and wanted != "org" and _WORD_CHAR.match(self.outside, x):
            for p in (x - 3, x - 2):
                word = self.outside[p:x]
                if p >= a and word in ("he", "He", "she", "She") and (
                        p == a or not _WORD_CHAR.match(self.outside, p - 1)):
                    state = self._with_pronoun(state, word.lower(), p, low, depth, wanted)
                    break
        return state

    def _prefix(self, i: int, low: int, depth: int, wanted: str) -> tuple[list[int], list[_State]]:
        """What a pronoun of gender ``wanted`` at depth ``depth`` sees in sentence ``i`` (from ``low``), after each
        event: a mention counts for offsets past its start, a he/she for offsets at or past its end."""
        key = (low, depth, wanted, i)
        if key in self._seen:
            return self._seen[key]
        a, b = max(self.sentences[i][0], low), self.sentences[i][1]
        kind = "organization" if wanted == "org" else "person"
        events: list[tuple[int, int, str]] = [(m.start + 1, -1, m.name) for m in self.between(a, b, kind)]
        if depth < 3 and kind == "person":
            n = bisect.bisect_left(self._pronouns, (a, -1, ""))
            found = [(q, p, w) for p, q, w in self._pronouns[n : bisect.bisect_left(self._pronouns, (b, -1, ""))]
                     if q <= b]
            # the sentence cut at ``low`` inside a word: a he/she right at the cut is a match of the sliced text
            head = _HE_SHE_END.match(self.outside, a, b) if a and _WORD_CHAR.match(self.outside, a - 1) else None
            events += found + ([(head.end(), a, head.group())] if head else [])
        events.sort(key=lambda e: e[0])
        thresholds, states, state = [], [], (False, ())
        for threshold, p, what in events:
            self.steps += 1
            if p < 0:
                state = self._with_name(state, what, wanted)
            else:
                state = self._with_pronoun(state, what.lower(), p, low, depth, wanted)
            thresholds.append(threshold)
            states.append(state)
        self._seen[key] = thresholds, states
        return thresholds, states

    def _with_pronoun(self, state: _State, pronoun: str, p: int, low: int, depth: int, wanted: str) -> _State:
        if PRONOUNS[pronoun] != wanted:
            return state  # a pronoun of the other gender adds no candidate (resolving it would change nothing)
        earlier = self._answer(wanted, p, low, depth + 1)
        return self._with_name(state, earlier, wanted) if earlier else state

    def _with_name(self, state: _State, name: str, wanted: str) -> _State:
        fitting = state[1]
        if (wanted == "org" or self.gender.get(name, wanted) == wanted) and name not in fitting and len(fitting) < 2:
            fitting += (name,)  # two are as many as matter: more than one fitting candidate resolves to no one
        return True, fitting

    def between(self, a: int, b: int, kind: str) -> list[Named]:
        """Mentions of ``kind`` starting in [a, b) outside the quotations (names quoted are not the reporter's)."""
        if len(self._starts) != len(self.mentions):
            self._starts[:] = [m.start for m in self.mentions]
        starts = self._starts
        found = self.mentions[bisect.bisect_left(starts, a) : bisect.bisect_left(starts, b)]
        return [m for m in found if m.kind == kind and self.outside[m.start : m.end].strip()]

    def within(self, quoted: list[tuple[int, int]], low: int, high: int) -> Cast:
        """This cast read from inside the quotation text[low:high] (quotations nested in it blanked): the people
        a quoted speaker names ("Commissioner Osei … she told me ‘…’") with the article's names and genders."""
        outside = blank(self.text[:high], quoted)
        sentences = [(a + low, b + low) for a, b in sentence_spans(outside[low:high])]
        return replace(self, outside=outside, sentences=sentences, _memo={}, _lower=set())

    def _learn_gender(self, outside: str) -> None:
        """A he/she/his/her in a sentence (outside quotation marks) naming one person before it gives that
        person's gender; conflicting evidence leaves the gender unknown."""
        evidence: dict[str, set[str]] = {}
        for a, b in self.sentences:
            inside = self.between(a, b, "person")
            for pronoun in _GENDERED_PRONOUN.finditer(outside, a, b):
                before = {m.name for m in inside if m.end <= pronoun.start()}
                if len(before) == 1:
                    evidence.setdefault(before.pop(), set()).add("m" if pronoun.group(1) else "f")
        for name, genders in evidence.items():
            if len(genders) == 1 and self.gender.get(name, genders.copy().pop()) == next(iter(genders)):
                self.gender[name] = next(iter(genders))


def _contains(whole: list[str], part: list[str]) -> bool:
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each (start, end) span replaced by spaces (same length): what the reporter, not a speaker, says.

    >>> blank('He said “no” twice.', [(8, 12)])
    'He said      twice.'
    """
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
