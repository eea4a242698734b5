"""Page furniture, as data: the general patterns by which `furniture` recognises it.

Each pattern covers a kind of furniture that many sites print in their own words (a
share widget, a comment form, an app prompt), never one site's wording. Patterns are
case-insensitive regular expressions; ``example`` is an invented line the pattern
must remove (the tests check every example), ``covers`` says what it is for.

``where`` says how a pattern is applied to a line of the body:

- ``LINE``: the pattern matches the whole line; the line goes.
- ``START``: the line starts with the pattern; it goes if it is at most
  ``max_chars`` long (no limit when None).
- ``ANYWHERE``: the line holds the pattern anywhere (widget text run into one line).
- ``CREDIT``: a contributor credit anywhere in a line of at most ``max_chars``; it
  goes, and the header never reads it as a byline.
- ``FOOTER``: the line starts the block a page ends with (a comment form, an app
  pitch); it goes with the rest of the text when that is all short lines.
- ``WIDGET_HEADING``: the whole line is a heading over links to other stories; the
  links below it go too when they look like links.
- ``APPEAL``: a reader appeal near the end of the text; it goes with all after it.
- ``PARAGRAPH_END``: a note cut from the end of a paragraph (the pattern ends in ``$``).

To add a pattern: add a row here with an invented example, and a row that must be
kept to the tests (tests/test_furniture.py) if it could catch an ordinary sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Where = Literal["LINE", "START", "ANYWHERE", "CREDIT", "FOOTER", "WIDGET_HEADING", "APPEAL", "PARAGRAPH_END"]


@dataclass(frozen=True)
class FurniturePattern:
    where: Where
    covers: str
    pattern: str
    example: str
    max_chars: int | None = None


# Words that make a trailing parenthesis a photo or picture credit: "(File photo)",
# "(Courtesy of the ministry)", "(Handout)". A parenthesis of one to three capitalised
# words ("(Northwire)") is taken for a credit too.
CAPTION_CREDIT_WORDS = (
    "photo", "photos", "photograph", "photographer", "image", "images", "picture", "pictures", "file",
    "credit", "courtesy", "representational", "representative", "illustration", "handout",
    "screenshot", "screen shot", "screengrab", "screen grab", "graphic", "pool",
)  # fmt: skip

# A named share target: share widgets list them.
_SHARE_TARGET = (
    r"(?:facebook|twitter|x|whatsapp|e-?mail|linkedin|reddit|telegram|print|copy link|pinterest|messenger|flipboard)"
)
# An app, a site or a channel an outlet promotes; the outlet's name may precede it.
_PROMOTED = r"(?:briefing|blog|coverage|newsletter|podcast|app|live updates)"

PATTERNS: tuple[FurniturePattern, ...] = (
    # --- embedded media: players that did not load, their status, time codes, embed widgets
    FurniturePattern(
        "LINE",
        "a video or audio player that did not load: 'video unavailable' stubs",
        r"(?:(?:no|this|the) )?(?:media|video|audio|clip|player)(?: (?:source|file|clip|content|player))?(?: is)?"
        r" (?:currently |temporarily |no longer )?(?:not |un)?available(?: in your (?:region|country))?\.?",
        "This video is currently unavailable",
    ),
    FurniturePattern(
        "LINE",
        "a player's messages while it loads, and the notice for browsers that cannot play it",
        r"please wait(?:\.{3}|…)?|loading(?: (?:video|audio|player|media))?(?:\.{3}|…)?"
        r"|your browser does not support (?:the )?(?:html5 )?(?:video|audio)(?: tag| element| player)?\.?",
        "Your browser does not support the video tag.",
    ),
    FurniturePattern(
        "LINE",
        "a player's time codes: elapsed and total time",
        r"(?:\d{1,2}:\d\d(?::\d\d)?\s*)+",
        "0:00 2:31 0:00",
    ),
    FurniturePattern(
        "LINE",
        "embed-widget labels on a line of their own",
        r"embed(?: (?:code|share|copy|link|this video))*:?",
        "Embed code",
    ),
    FurniturePattern(
        "ANYWHERE",
        "the notice of a share or embed widget, run into other widget text",
        r"\bcopied to (?:your |the )?clipboard\b",
        "Ferry Crews Return Embed The link has been copied to your clipboard",
    ),
    # --- app and alert prompts
    FurniturePattern(
        "LINE",
        "app-install prompts: download, install or open the (outlet's) app",
        r"(?:(?:tap|click|press)(?: here)? to )?(?:download|install|get|open|try)(?: the| our)?"
        r"(?: free| new| official| latest)? (?:[\w&'’.-]+ ){0,4}app"
        r"(?: (?:now|today|here|for (?:free|ios|android|iphone|your phone)(?: (?:and|or|&) (?:ios|android|iphone))?))?"
        r"[.!]?",
        "Download the free Harbor Wire app for iOS and Android.",
    ),
    FurniturePattern(
        "LINE",
        "steps of an install guide: 'in two easy steps', '1. Tap ...', 'Add to home screen'",
        r"in (?:two|three|four|\d) (?:easy |simple |quick )?steps:?|\d+\.\s*tap\b.{0,80}"
        r"|(?:\d+\.\s*)?(?:tap |select )?add (?:it |this (?:site|page) )?to (?:your )?home screen\.?",
        "Add this site to your home screen",
    ),
    FurniturePattern(
        "LINE",
        "news-alert pitches: get the news or alerts faster or first",
        r"get (?:the |our )?(?:latest |breaking |top )?(?:news|headlines|stories|alerts|updates)(?: alerts)?"
        r" (?:faster|first|instantly|as it happens|on the go|on your phone)[.!]?",
        "Get breaking news alerts first!",
    ),
    # --- comment forms
    FurniturePattern(
        "LINE",
        "comment-form buttons and headings: leave or post a reply, cancel reply, a comment count",
        r"(?:leave|post|add|write|submit) (?:a |your )?(?:reply|comment|response)s?(?: below)?[.:]?"
        r"|cancel reply|comments? \(\d+\)|(?:view|show|load) (?:all )?(?:\d+ )?comments",
        "Post a comment",
    ),
    FurniturePattern(
        "LINE",
        "a comment form's notice that the e-mail address stays private, with what follows it",
        r"your e-?mail(?: address)? will (?:not|never) be (?:published|shared|displayed|made public)\.?.{0,80}",
        "Your e-mail will never be shared. Fields marked * are required.",
    ),
    FurniturePattern(
        "LINE",
        "a comment form's note on required fields",
        r"(?:required|mandatory) fields are (?:marked|indicated)(?: with)?(?: an)?(?: asterisk)? ?\*?\.?",
        "Mandatory fields are marked with an asterisk",
    ),
    FurniturePattern(
        "LINE",
        "closed comments, and the prompt to log in to comment",
        r"comments? (?:are|is) (?:now )?closed\.?|(?:log|sign) in to (?:comment|reply|post a comment)\.?",
        "Comments are closed.",
    ),
    # --- links, advertisements, share widgets
    FurniturePattern(
        "LINE",
        "links to where the story was first published",
        r"(?:source|original|story|article) link|original (?:article|story|report)"
        r"|(?:read|view|see) (?:the )?(?:original|full) (?:article|story|report)(?: here| (?:at|on) [^.]{1,60})?\.?",
        "Read the full story at Harbor Wire.",
    ),
    FurniturePattern(
        "LINE",
        "advertisement markers",
        r"(?:advertisement|sponsored(?: content)?|(?:story|article) continues below(?: (?:this )?advertisement)?)"
        r"(?:\s*[·|•-]\s*scroll to continue(?: reading)?)?|scroll (?:down )?to continue(?: reading)?",
        "Story continues below advertisement",
    ),
    FurniturePattern(
        "LINE",
        "share widgets: 'Share', 'Share this:', 'Share this story on ...'",
        r"share(?: on| via)?:?|share (?:this|the (?:article|story|page|post))(?: (?:article|story|page|post))?"
        r"(?: (?:on|via|with)\b)?:?(?: .{0,80})?",
        "Share this story with a friend",
    ),
    FurniturePattern(
        "LINE",
        "share widgets: a row of share targets",
        rf"{_SHARE_TARGET}(?:\s*[,|·•/]?\s*{_SHARE_TARGET})+",
        "Facebook Twitter WhatsApp Email",
    ),
    FurniturePattern(
        "LINE",
        "a link to more stories on the topic, on a line of its own",
        r"\((?:read |see )?more (?:on |about )?(?!than\b)[^()]{1,80}? (?:stories|coverage|news|articles)\.?\)",
        "(See more harbor coverage.)",
    ),
    FurniturePattern(
        "PARAGRAPH_END",
        "a link to more stories on the topic, at the end of a paragraph",
        r"\s*\((?:read |see )?more (?:on |about )?(?!than\b)[^()]{1,80}? (?:stories|coverage|news|articles)\.?\)$",
        "The board meets again in May. (More ferry stories.)",
    ),
    FurniturePattern(
        "LINE",
        "links to live coverage: 'Live updates: ...'",
        r"live (?:briefing|blog|updates?|coverage|feed|ticker)s?:.{0,120}",
        "Live updates: Ferry strike, day three",
    ),
    FurniturePattern(
        "LINE",
        "links to an outlet's editorial standards",
        r"(?:our|editorial) (?:standards|principles|guidelines|policies|ethics)(?: (?:and|&) [\w ]{1,30})?:.{0,150}",
        "Our principles: how the Harbor Wire checks its facts.",
    ),
    FurniturePattern(
        "LINE",
        "editor's notes on corrections and updates",
        r"editor['’]?s['’]? note:.{0,400}",
        "Editor's note: An earlier version of this story misnamed the ferry.",
    ),
    FurniturePattern(
        "LINE",
        "agency credits under a story: 'Source: OUTLET and agencies', 'With inputs from agencies'",
        r"(?:sources?|(?:with )?inputs? from):?\s(?:.{1,60}\s(?:and|&)\s)?(?:other |news |wire )*agencies\.?",
        "With inputs from news agencies",
    ),
    # --- galleries, lists, timestamps
    FurniturePattern(
        "LINE",
        "screen-reader labels of list widgets",
        r"keep reading|end of list|list (?:of \d+ items?|\d+ of \d+)",
        "list 2 of 4",
    ),
    FurniturePattern(
        "LINE",
        "gallery counters and gallery links",
        r"(?:\d+ of )?\d+ (?:photos|images|pictures|videos|slides)|(?:view|see|open) (?:the )?(?:photo )?(?:gallery|slideshow)",
        "3 of 14 images",
    ),
    FurniturePattern(
        "LINE",
        "how long ago the page was stamped",
        r"(?:(?:last )?(?:updated|published|posted)\s+)?(?:\d+|an?|one)\s+"
        r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago",
        "Published 2 hours ago",
    ),
    # --- syndication notes
    FurniturePattern(
        "LINE",
        "a note in parentheses that the text comes from a syndicated, agency or partner feed",
        r"\((?=[^()]{0,300}\b(?:syndicated|agency|wire|partner) (?:feed|copy|service|content)\b)[^()]{1,300}\)",
        "(This article was generated automatically from a partner feed.)",
    ),
    FurniturePattern(
        "LINE",
        "a note that the story was published from a feed without editing",
        r"(?:only )?(?:this|the) (?:headline|story|article|report|content)\b"
        r"(?=[^()]{0,300}\b(?:syndicated|agency|wire|partner) (?:feed|copy|service|content)\b)"
        r"(?=[^()]{0,300}\b(?:auto-?generated|(?:not|un) ?(?:been )?edited|without (?:modifications?|changes|edits))\b)"
        r"[^()]{0,300}",
        "This report has not been edited by our newsroom and comes from a wire feed.",
    ),
    # --- one-line promotions
    FurniturePattern(
        "START",
        "newsletter and subscription prompts",
        r"sign up (?:for|to)\b|subscribe\b|(?:get|receive) (?:our|the) [^.]{0,40}newsletter\b|(?:join|follow) us on\b",
        "Get our free morning newsletter in your inbox",
        max_chars=150,
    ),
    FurniturePattern(
        "START",
        "link prompts: 'Click here', 'Read more:', 'Related:', 'See also:', 'Watch:'",
        r"click here\b|read more\s*(?::|$|[»›→>]|\b(?:at|on|here)\b)|related(?: stories| articles| coverage| content)?:"
        r"|(?:read|see) also:|more on this (?:story|topic):|go deeper:|(?:watch|listen):",
        "Related: Ferry fares to rise in spring",
        max_chars=150,
    ),
    FurniturePattern(
        "START",
        "house ads for the outlet's own briefing, blog, newsletter, podcast or app, however long",
        rf"(?:check out|subscribe to|sign up for|download) (?:the )?[^\n]{{1,60}}?['’]s (?:new |latest |free |daily |weekly |live )*"
        rf"{_PROMOTED}\b",
        "Subscribe to Harbor Wire's daily briefing for the stories behind the ferry dispute.",
    ),
    # --- credits
    FurniturePattern(
        "CREDIT",
        "contributor and wire credit lines: 'Reporting by ...', '... contributed to this report'",
        r"^\(?(?:(?:with |additional )*reporting by|(?:writing|editing|compiled) by)\b"
        r"|contributed (?:additional )?(?:reporting )?to this (?:report|story|article)\.?\)?$",
        "Lena Park in Eastvale contributed reporting to this article.",
        max_chars=300,
    ),
    # --- blocks: footers, link widgets, reader appeals
    FurniturePattern(
        "FOOTER",
        "a comment form that ends the page",
        r"(?:leave|post|add|write) a (?:reply|comment|response)\b",
        "Leave a comment",
    ),
    FurniturePattern(
        "FOOTER",
        "a news-alert pitch that ends the page",
        r"get (?:the |our )?(?:latest |breaking |top )?(?:news|headlines|stories|alerts|updates)(?: alerts)?"
        r" (?:faster|first|instantly)\b",
        "Get the headlines first.",
    ),
    FurniturePattern(
        "WIDGET_HEADING",
        "headings over links to other stories",
        r"(?:keep reading|trending(?: now| news| stories)?|read more|(?:read|see) also|more on this (?:story|topic)"
        r"|related(?: topics| stories| articles| coverage| content)?|most (?:read|popular|viewed)"
        r"|you (?:may|might) also like):?",
        "Most popular",
    ),
    FurniturePattern(
        "APPEAL",
        "a reader appeal's price pitch: support the outlet from as little as a small sum",
        r"\b(?:support|fund|back)\b[^\n]{1,60}? (?:from|for) as little as\b",
        "You can back independent local reporting from as little as £2 a month.",
    ),
    FurniturePattern(
        "APPEAL",
        "a reader appeal's opening plea for a favour",
        r"^(?:…|\.\.\.)?\s*(?:before you go,?\s*)?(?:(?:we|i) (?:have|need) (?:a|one) (?:small |quick )?"
        r"(?:favou?r|request) to ask|(?:can|may) (?:we|i) ask (?:you )?(?:a|one) (?:small |quick )?favou?r)\b",
        "Before you go, can we ask you a quick favor?",
    ),
    FurniturePattern(
        "APPEAL",
        "a reader appeal's greeting",
        r"^dear (?:readers?|subscribers?),?$",
        "Dear subscriber,",
    ),
)
