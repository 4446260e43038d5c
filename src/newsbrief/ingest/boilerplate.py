"""Page furniture that looks the same on every news site, as anchored patterns with the reason each gives.

Each rule matches a whole line (whitespace collapsed), so a news sentence that merely mentions Twitter, a
photo or a cookie is never hit: a rule needs the line to *be* the prompt, credit or stamp. Rules that could
be confused with prose also carry a word limit. The patterns come from real scraped pages (Multi-News, the
seed cluster); each family is tested in tests/test_clean.py with lines that must go and lines that must stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.text.dates import MONTHS

_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?"
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = (
    rf"(?:{_DAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
)
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?"
_NAME = r"(?-i:[A-Z][\w.'’-]*)"
_SOCIAL = r"(?:twitter|facebook|instagram|google\+|youtube|tiktok|snapchat|linkedin|tumblr|pinterest|whatsapp)"
_SHARE_WORD = (
    rf"(?:share|shares|tweet|pin|pin it|email|e-mail|print|{_SOCIAL}|messenger|sms|copy link|comments?|save|like"
    r"|share this(?: article| story)?|share on \w+)"
)


CHARS_PER_WORD = 40
"""With the rule's word limit, bounds the length of a line a rule is tried on (see `Rule.chars`)."""


@dataclass(frozen=True)
class Rule:
    """One kind of page furniture.

    reason (str): what `Dropped.reason` says.
    pattern: matched with ``search`` against the line; case-insensitive unless a group says ``(?-i:...)``.
    words (int): the most words a matching line may have; lines longer than `chars` are not tried either.
    needles (tuple[str, ...]): lower-case strings of which the line must contain one before the pattern is
        tried; they make unanchored patterns cheap on long paragraphs (newswire has thousands of them).
    """

    reason: str
    pattern: re.Pattern[str]
    words: int
    needles: tuple[str, ...] = ()

    @property
    def chars(self) -> int:
        """The longest line the rule is tried on: furniture is short, and a rule's pattern may take time
        quadratic in the length of a line (one 100 KB "word" of repeated share buttons took minutes)."""
        return CHARS_PER_WORD * self.words + 200


def _rule(reason: str, pattern: str, words: int, needles: str = "") -> Rule:
    return Rule(reason, re.compile(pattern, re.IGNORECASE), words, tuple(needles.split("|")) if needles else ())


RULES: tuple[Rule, ...] = (
    _rule("separator", r"^[\W\d_]*$", 20),
    _rule(
        "advertisement",
        r"^(?:advertisement|advertising|advert|ad|sponsored(?: content| links?)?|paid content|promoted(?: content)?"
        r"|(?:advertisement )?(?:story|article) continues below(?: advertisement)?|story continued below"
        r"|(?:advertisement )?continue reading(?: the main story)?|report this ad|skip ad)\W*$",
        8,
    ),
    _rule("boilerplate: share prompt", rf"^(?:{_SHARE_WORD}[\s|:,/·•-]*)+$", 12),
    _rule("boilerplate: share prompt", r"^(?:read or share this story|click to (?:share|email|print))\b", 30),
    _rule("boilerplate: share prompt", r"^like(?: this:?| loading\W*)$", 3),
    _rule(
        "boilerplate: follow prompt",
        rf"^(?:stay up to date,? )?(?:follow|like|find|join|become a fan of)\b.*\b{_SOCIAL}\b",
        40,
    ),
    _rule("boilerplate: follow prompt", rf"^{_SOCIAL}\s*:\s*@\w+", 6),
    _rule("contact line", r"[\w.+-]+@[\w-]+\.[\w.]+|\btwitter:\s*@\w+", 30, "@"),
    _rule("social embed", rf"pic\.twitter\.com/\w+|\(@\w+\)\s+{_MONTH}\s+\d{{1,2}},\s+\d{{4}}$", 80, "pic.twitter|(@"),
    _rule("social embed", rf"\ba post shared by\b.*\bon {_MONTH}\s+\d{{1,2}},\s+\d{{4}}", 80, "a post shared by"),
    _rule(
        "social widget",
        r"^(?:tweet with a location|you can add location information to your tweets\b.*|add this (?:tweet|video)"
        r" to your website\b.*|learn more|hmm,? there was a problem reaching the server\b.*)$",
        60,
    ),
    _rule(
        "subscribe prompt",
        r"^(?:sign up|subscribe|register)(?: now| today| here| for free)?\W*$|^new to [\w ]+\? subscribe\b"
        r"|^get (?:the|our) .{0,60}\b(?:newsletter|daily edition|by e-?mail)\b|^want (?:more )?stories like"
        r" (?:this|these)\b|^thank you for (?:registering|signing up|subscribing)|^premium content for only\b",
        60,
    ),
    _rule(
        "subscribe prompt",
        r"\bsign up\b.*\b(?:newsletter|inbox|e-?mails?|alerts?)\b|\bnewsletters?\b.*\bsign up\b|\bby signing up\b"
        r"|\bsubscribe (?:today|now)\b|\bdelivered (?:straight )?to your (?:inbox|phone)\b|\bconfirmation e-?mail\b"
        r"|\{\*.*\*\}",
        60,
        "sign up|signing up|subscribe|delivered|confirmation|{*",
    ),
    _rule(
        "cookie notice",
        r"\bcookies?\b.{0,120}\b(?:policy|consent|accept|settings|preferences|browser|by continuing|to improve"
        r"|to give you|personali[sz]e|this (?:site|website))\b|\b(?:we|this (?:site|website)) uses? cookies\b",
        80,
        "cookie",
    ),
    _rule("cookie notice", r"^by (?:continuing|using) (?:to (?:use|browse) )?(?:this|our) (?:site|website)", 80),
    _rule(
        "video prompt",
        r"^just watched\b|^close skip in skip\b|^(?:play|watch) video\b|^loading(?: video)?\W*$|^now playing\b",
        60,
    ),
    _rule(
        "video prompt",
        r"javascript|your browser (?:does not|doesn't) support|media playback is unsupported|this (?:feature|video)"
        r" is (?:not|no longer) available|please (?:enable|turn on) \w+ to|\bmust watch\b|replay more videos"
        r"|rating is available when the video has been rented|\bhtml5 capable browser\b|\b(?:play|replay) with sound\b",
        60,
        "javascript|browser|playback|available|please|must watch|replay|with sound",
    ),
    _rule(
        "correction note",
        r"^this (?:story|article|post) (?:was|has been) (?:edited|updated|corrected|amended|revised)\b",
        40,
    ),
    _rule(
        "archive notice",
        r"^this (?:article|page|story|content) (?:was|has been|is) archived|^the seed for \w+ was:"
        r"|^- slash pages from every domain|^-- up to a maximum of \d+",
        80,
    ),
    _rule(
        "archive notice",
        r"\bwayback machine\b|\binternet archive\b|\barchive-it\b|\bcrawls?\b.*\barchive"
        r"|\bweb (?:captures|collections)\b|\bwide\d{5}\b|\binter-domain navigational link graph\b"
        r"|^this crawl\b|\bwarc files\b",
        150,
        "wayback|archive|web captures|web collections|wide0|inter-domain|this crawl|warc",
    ),
    _rule(
        "caption",
        r"^(?:file photo|photo|photograph|image|picture|caption|credit|photo credit|source|graphic|illustration"
        r"|video)s?\s*[:|–—-]",
        30,
    ),
    _rule(
        "caption",
        r"^(?:image|media) (?:copyright|caption)\b|^(?:enlarge this image|toggle caption|hide caption|buy photo"
        r"|view (?:the )?(?:gallery|slideshow|photos))\b",
        80,
    ),
    _rule("caption", r"^(?:photos?|images?|gallery|video|getty images|istock(?:photo)?|shutterstock|photofest)$", 2),
    # A slideshow flattened into one line: "Photos: <title> <caption> Hide Caption 1 of 43 Photos: ..." (CNN's run
    # to thousands of words, so there is no word limit; both ends are anchored on the gallery's own markers).
    _rule("photo gallery", r"^photos?:.*\bhide caption \d+ of \d+$", 10**6, "hide caption"),
    _rule(
        "caption",
        r"(?-i:\(AP Photo\b|\(Photo: |AFP PHOTO|REUTERS/|Getty Images\b|/Getty\b|\| Getty\b|/AP\)|/AFP\)"
        r"|\.\.\. \(Associated Press\)$)",
        80,
        "photo|reuters/|getty|/ap)|/afp)|(associated press)",
    ),
    _rule(
        "byline",
        rf"^(?:(?:written|posted|reported|story|words|compiled) )?(?-i:By|BY|by)\s+{_NAME}(?:\s+(?:and\s+)?{_NAME})"
        r"{0,4}(?:\s*[,|–—-].{0,60})?$",
        14,
    ),
    _rule("byline", rf"\|\s*(?-i:By|BY)\s+{_NAME}\s+{_NAME}", 12, "|"),
    _rule("byline", rf"^[—–•·-]+\s*{_NAME}(?:\s+{_NAME}){{0,3}}$", 5),
    _rule("byline", r"^\(?(?:additional )?(?:reporting|writing|editing) by\b", 40),
    _rule("credit", r"\bcontributed (?:to )?(?:this )?(?:report|story|article)(?:ing)?\W*$", 20, "contributed"),
    _rule("credit", r"^\(?(?:with|via|source:?) (?:afp|ap|reuters|agencies|wires?|\w+ reporting)\)?\W*$", 5),
    _rule("credit", r"^contributing:|^this (?:article|story|post) (?:was originally published|first appeared)\b", 40),
    _rule("link", r"^(?:[-•*]\s*)?(?:[^.!?]{0,60}:\s*)?(?:https?://|www\.)\S+$", 12, "http|www."),
    _rule("copyright notice", r"^(?:copyright|©|\(c\))\s*(?:\d{4}|[a-z])", 40),
    _rule(
        "copyright notice",
        r"\ball rights reserved\b|\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b",
        40,
        "rights reserved|may not be",
    ),
    _rule(
        "date stamp",
        r"^(?:published|updated|posted|last updated|first published|modified)(?:\s+(?:on|at))?\s*[:|]",
        16,
    ),
    _rule("date stamp", rf"^(?:published|updated|posted|last updated)\s+{_DATE}", 16),
    _rule("date stamp", rf"^\(?(?:{_DATE})(?:[\s,|@–—-]+(?:at\s+)?{_TIME})?\)?$|^{_TIME}(?:[\s,|–—-]+{_DATE})?$", 12),
    _rule(
        "navigation",
        r"^(?:home|menu|search(?: for keyword)?|skip to (?:main )?content|back to top|next|previous|prev|more"
        r"|read more|see more|show more|load more|view more|more information|related(?: \w+)?(?: articles)?"
        r"|see also|also|also read|read also|trending(?: now| news)?|latest(?: news)?|top stories"
        r"|most (?:read|popular|viewed|shared)|recommended(?: for you)?|you (?:may|might) also like|more on this"
        r"(?: story)?|more stories|in this section|sections|topics|tags|filed under|categories"
        r"|what to read next|editor'?s picks|watch|listen|exclusive|breaking(?: news)?|free apps\b.*)\W*$",
        6,
    ),
    _rule(
        "navigation",
        r"^(?-i:Related|RELATED|See also|SEE ALSO|Read more|Read More|READ MORE|Read also|ALSO|MORE|Trending"
        r"|TRENDING|Recommended|WATCH|Watch|LISTEN|Listen|More from [^:]{1,40})(?: about)?\s*:",
        20,
    ),
    _rule("navigation", r"^story highlights\b", 40),
    # a breadcrumb trail: "Home » World News » Europe » ...", "News > World > Middle East"
    _rule("navigation", r"^[^»>›]{1,30}(?:\s[»>›]\s[^»>›]{1,80}){2,}$", 30, "»|>|›"),
    _rule("navigation", r"(?-i:\s(?:Read more|Read More|READ MORE))$", 40, "read more"),
    _rule(
        "comment form",
        r"^(?:comments?|\d+ comments?|total comments \(\d+\)|comments about this article|leave a (?:comment|reply)"
        r"|post a comment|add (?:a|your) comment|view comments|show comments|join the (?:conversation|discussion)"
        r"|be the first to comment|sign in to comment|please fill (?:in )?the fields below|\W*code confirming note"
        r"|cancel reply|reply|own the conversation|comments (?:are|have been) (?:closed|disabled)"
        r"|(?:your )?(?:name|e-?mail)\s*\*?)\W*$",
        8,
    ),
    _rule("comment form", r"\blet us know in (?:the )?comments\b|\bcomments? policy\b", 40, "comment"),
)

# A source credit or link hint at the very end of a line of text: "... soldiers. (With Agencies)".
_TRAILING = re.compile(
    r"\s(?:\((?:with|additional reporting by|reporting by|via) [^()]{1,60}\)|\(published [^()]{1,60}\)"
    r"|\(click here[^()]{0,60}\)|buy photo)\W*$",
    re.IGNORECASE,
)


def line_reason(line: str) -> str | None:
    """Why ``line`` (whitespace collapsed) is page furniture, or None if it is text to keep.

    >>> line_reason("Tweet with a location")
    'social widget'
    >>> line_reason("The army said it had taken the camp.") is None
    True
    """
    words = len(line.split())
    lower = line.lower()
    for rule in RULES:
        if words > rule.words or len(line) > rule.chars or (rule.needles and not any(n in lower for n in rule.needles)):
            continue
        if rule.pattern.search(line):
            return rule.reason
    return None


def trailing_credit(text: str) -> int | None:
    """Offset in ``text`` where a trailing source credit starts, or None; never the whole text.

    >>> text = "Five people died. (With AFP)"
    >>> text[: trailing_credit(text)]
    'Five people died.'
    """
    match = _TRAILING.search(text)
    if match is None or not text[: match.start()].strip():
        return None
    return match.start()
