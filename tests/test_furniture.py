"""Page furniture in plain text: removed by general patterns, ordinary sentences kept.

Every line here is invented; none is any outlet's wording. Rows that must be kept are
ordinary sentences that mention what furniture is about (an app, a newsletter, a
photo, a video, comments, agencies, a feed).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimtrack.inputs.furniture_patterns import PATTERNS, FurniturePattern
from claimtrack.inputs.readers.text import load_text

LEAD = (
    "Harbor officials in Eastvale said on Tuesday that the new ferry timetable would start in "
    "April, ending years of delays for commuters."
)
SECOND = (
    '"We listened to every complaint," said Mirela Tosk, who chairs the harbor board. '
    '"The boats will now run every twenty minutes."'
)
BODY = f"{LEAD}\n\n{SECOND}"
REPO_ROOT = Path(__file__).resolve().parent.parent


# --- the data -------------------------------------------------------------------------

# How a pattern is tried on a line, as `furniture` applies it.
_APPLIED = {"LINE": "fullmatch", "WIDGET_HEADING": "fullmatch", "START": "match", "FOOTER": "match"}


def _in_context(pattern: FurniturePattern) -> tuple[str, str]:
    """An article holding the pattern's example where that kind of furniture stands,
    and the text it must come out as."""
    example = pattern.example
    if pattern.where == "FOOTER":
        return f"{BODY}\n\n{example}\n\nName\nEmail", BODY
    if pattern.where == "WIDGET_HEADING":
        return f"{LEAD}\n\n{example}\nFerry fares: what changes in spring\nWho runs the harbor board?\n\n{SECOND}", BODY
    if pattern.where == "APPEAL":
        return f"{BODY}\n\n{example}\n\nThank you for reading.", BODY
    if pattern.where == "PARAGRAPH_END":
        return f"{LEAD}\n\n{example}", f"{LEAD}\n\n{re.sub(pattern.pattern, '', example, flags=re.IGNORECASE)}"
    return f"{LEAD}\n\n{example}\n\n{SECOND}", BODY


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda pattern: f"{pattern.where}:{pattern.covers[:50]}")
def test_every_pattern_removes_its_example(pattern: FurniturePattern) -> None:
    compiled = re.compile(pattern.pattern, re.IGNORECASE)
    assert getattr(compiled, _APPLIED.get(pattern.where, "search"))(pattern.example)
    assert pattern.max_chars is None or len(pattern.example) <= pattern.max_chars
    raw, expected = _in_context(pattern)
    assert load_text(raw).text == expected


def test_examples_are_not_taken_from_the_sample_articles() -> None:
    samples = [path.read_text(encoding="utf-8").casefold()
               for folder in ("seeds", "data/fixtures") for path in (REPO_ROOT / folder).glob("*.txt")]
    for pattern in PATTERNS:
        assert not any(pattern.example.casefold() in sample for sample in samples), pattern.example


# --- lines removed and kept -------------------------------------------------------------

REMOVED = [
    # captions and credits
    pytest.param("A ferry docks at the Eastvale pier on Monday. (Wire Photo/Ken Arlo)", id="caption-photo-credit"),
    pytest.param("The harbor board chair, Mirela Tosk (file photo)", id="caption-file-photo"),
    pytest.param("Commuters wait for a boat. (Representational)", id="caption-representational"),
    pytest.param("Commuters wait for a boat (Northwire)", id="caption-agency-name"),
    pytest.param("The new ferry, seen from the pier. (Stockhouse Images)", id="caption-images"),
    pytest.param("The flooded quay at dawn. (Courtesy of the port authority)", id="caption-courtesy"),
    # embedded media
    pytest.param("Video unavailable", id="media-unavailable"),
    pytest.param("No audio file available", id="media-no-audio"),
    pytest.param("This clip is no longer available in your country.", id="media-region"),
    pytest.param("Loading video…", id="player-loading"),
    pytest.param("Your browser does not support the audio element.", id="player-browser"),
    pytest.param("0:00 0:02:15 0:00", id="player-time-codes"),
    pytest.param("Embed code share", id="embed-labels"),
    pytest.param("Ferry Vote Explained Embed copy The code was copied to the clipboard", id="embed-widget-run"),
    # app and alert prompts
    pytest.param("Tap here to get the Harbor Wire app", id="app-tap-to-get"),
    pytest.param("Install our app.", id="app-install-ours"),
    pytest.param("Download the Tidewater Daily News app now", id="app-download-named"),
    pytest.param("in three simple steps:", id="app-steps"),
    pytest.param("2. Tap the share icon, then Add to Home Screen.", id="app-numbered-tap"),
    pytest.param("Get the latest headlines on the go.", id="alerts-pitch"),
    # comment forms
    pytest.param("Leave a comment", id="comment-leave"),
    pytest.param("Write a response", id="comment-write"),
    pytest.param("Cancel reply", id="comment-cancel"),
    pytest.param("Comments (12)", id="comment-count"),
    pytest.param("View all 40 comments", id="comment-view-all"),
    pytest.param("Your email address will not be displayed.", id="comment-email-notice"),
    pytest.param("Required fields are marked *", id="comment-required"),
    pytest.param("Log in to comment.", id="comment-log-in"),
    # links, advertisements, share widgets
    pytest.param("Original article", id="link-original"),
    pytest.param("View the original report here.", id="link-view-original"),
    pytest.param("Advertisement", id="ad"),
    pytest.param("Advertisement · Scroll to continue", id="ad-scroll"),
    pytest.param("Sponsored content", id="ad-sponsored"),
    pytest.param("Share this:", id="share-this"),
    pytest.param("Share on:", id="share-on"),
    pytest.param("Share the article via", id="share-via"),
    pytest.param("Facebook · Twitter · Email · Print", id="share-targets"),
    pytest.param("(More ferry stories.)", id="more-stories-line"),
    pytest.param("(Read more harbor coverage.)", id="more-coverage-line"),
    pytest.param("(More 2024 budget stories.)", id="more-stories-with-a-year"),
    pytest.param("Live blog: Ferry strike, day two", id="live-coverage-link"),
    pytest.param("Editorial standards and corrections: how we report", id="standards-link"),
    pytest.param("Editor's note: This story has been updated with the council's vote.", id="editors-note"),
    pytest.param("Source: Tidewater Daily and news agencies", id="agency-credit"),
    pytest.param("Inputs from wire agencies", id="agency-inputs"),
    # galleries, lists, timestamps
    pytest.param("Keep reading", id="list-keep-reading"),
    pytest.param("list of 3 items", id="list-count"),
    pytest.param("end of list", id="list-end"),
    pytest.param("1 of 12 Photos", id="gallery-counter"),
    pytest.param("View the photo gallery", id="gallery-link"),
    pytest.param("Updated 5 hours ago", id="stamp-hours"),
    pytest.param("3 days ago", id="stamp-days"),
    # syndication notes
    pytest.param("(Only the headline was changed by our desk; the rest comes unedited from an agency feed.)",
                 id="syndication-parenthesised"),
    pytest.param("This content was published from a syndicated feed without changes.", id="syndication-sentence"),
    pytest.param("Only the headline of this report was changed by our desk; the rest comes from a wire feed "
                 "without edits.", id="syndication-headline-only"),
    # promotions
    pytest.param("Sign up for our morning harbor newsletter", id="promo-sign-up"),
    pytest.param("Subscribe to the Eastvale Courier", id="promo-subscribe"),
    pytest.param("Follow us on social media for ferry updates", id="promo-follow-us"),
    pytest.param("Click here to read the full timetable", id="promo-click-here"),
    pytest.param("Read more: Ferry fares to rise in spring", id="promo-read-more"),
    pytest.param("Related: Ferries return to the northern islands", id="promo-related"),
    pytest.param("See also: Port timeline", id="promo-see-also"),
    pytest.param("Go deeper: How the ferry dispute began", id="promo-go-deeper"),
    pytest.param("Watch: Ferry crews return to work", id="promo-watch"),
    pytest.param("Check out Coastal Ledger's latest podcast on the ferry dispute and what comes next for the "
                 "crews, the board and the thousands of commuters who rely on them.", id="house-ad"),
    # credits
    pytest.param("Lena Park in Eastvale and Omar Diaz in Westport contributed to this report.", id="credit-contributed"),
    pytest.param("(Additional reporting by Omar Diaz; Editing by Ivo Marr)", id="credit-wire"),
]


@pytest.mark.parametrize("line", REMOVED)
def test_furniture_line_is_removed(line: str) -> None:
    assert load_text(f"{LEAD}\n\n{line}\n\n{SECOND}").text == BODY


KEPT = [
    pytest.param("The ministry said the app had been installed on 40,000 phones since March.", id="app-sentence"),
    pytest.param("Install the latest update to see the timetable.", id="install-update"),
    pytest.param("Download speeds on the islands have doubled, the operator said.", id="download-sentence"),
    pytest.param("The council's newsletter said the vote would be close.", id="newsletter-sentence"),
    pytest.param("Subscribers to the ferry pass pay less.", id="subscribers"),
    pytest.param("A photo of the flooded quay was shared widely on Monday.", id="photo-sentence"),
    pytest.param("Video footage of the collision is available on the port's website.", id="video-sentence"),
    pytest.param("Share prices in the ferry operator fell 4% on Monday.", id="share-prices"),
    pytest.param("Shares in the port operator rose after the vote.", id="shares"),
    pytest.param("Facebook and Twitter removed the posts, the ministry said.", id="platforms-sentence"),
    pytest.param("Leave a reply to the council by Friday, residents were told.", id="leave-a-reply-sentence"),
    pytest.param("Comments from the public closed on Friday.", id="comments-sentence"),
    pytest.param("Sources close to the agencies said the deal was near.", id="agencies-sentence"),
    pytest.param("The agency said the figures came from a syndicated feed of hospital data.", id="feed-sentence"),
    pytest.param("The report was based on a wire service account, officials said.", id="wire-service-sentence"),
    pytest.param("The report has not been edited since 2019, the council said.", id="not-edited-sentence"),
    pytest.param("Read the full report, the minister urged MPs.", id="read-the-full-report"),
    pytest.param("Read more about the plan in the council's own summary, the mayor said on Monday.",
                 id="read-more-sentence"),
    pytest.param("The board published more than 200 articles of evidence (more than 200 articles).",
                 id="more-than-articles"),
    pytest.param("Get the boats back in service, the mayor told the crews on Monday.", id="get-the-boats"),
    pytest.param("Listen to the crews, the union's leader told the board.", id="listen-sentence"),
    pytest.param("Three days of talks ended without a deal on Friday.", id="days-sentence"),
    pytest.param("'A quoted heading'", id="quoted-heading"),
    pytest.param("‘The Harbor Is Open’", id="curly-quoted-heading"),
    pytest.param("Fares Go Up In Spring", id="title-case-heading"),
]


@pytest.mark.parametrize("line", KEPT)
def test_ordinary_line_is_kept(line: str) -> None:
    assert load_text(f"{LEAD}\n\n{line}\n\n{SECOND}").text == f"{LEAD}\n\n{line}\n\n{SECOND}"


# --- blocks: widgets, footers, appeals, tails ---------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected_text"),
    [
        pytest.param(
            f"{LEAD}\n\nKeep reading\nlist of 2 items\nlist 1 of 2\nFerry fares: what changes in spring\n"
            f"list 2 of 2\nWho runs the harbor board?\nend of list\n\n{SECOND}",
            BODY,
            id="list-widget",
        ),
        pytest.param(
            f"{BODY}\n\nTrending now\nFerry strike: day three\nWhy are fares rising?", BODY, id="trending-links"
        ),
        pytest.param(
            f"{LEAD}\n\nMore on this story\nWhy did the ferry vote take so long?\nPublished\n3 days ago\n\n{SECOND}",
            BODY,
            id="more-on-this-story",
        ),
        # Under the heading is a sentence, not links: only the heading goes.
        pytest.param(f"{LEAD}\n\nRead more\n{SECOND}", BODY, id="heading-over-prose"),
    ],
)
def test_link_widgets_are_removed(raw: str, expected_text: str) -> None:
    assert load_text(raw).text == expected_text


APPEAL_PITCH = (
    "The Harbor Daily has always worked hard to bring you the news that matters to your town, and your support "
    "keeps our reporters on the quayside."
)


@pytest.mark.parametrize(
    ("tail", "expected_text"),
    [
        ("Before you go, we have one quick request to ask. Readers keep the Harbor Daily going. "
         "Back the Harbor Daily from as little as $1 a week. Thank you.", BODY),
        (f"Dear Reader,\n\n{APPEAL_PITCH}\n\nDigital Editor", BODY),
        (f"Can we ask you a small favour?\n\n{APPEAL_PITCH}", BODY),
        # Not an appeal: a price in the story.
        ("Fares start from as little as $1 on weekdays, the board said.",
         f"{BODY}\n\nFares start from as little as $1 on weekdays, the board said."),
        ("'We have one quick request to ask of the council,' the skipper said.",
         f"{BODY}\n\n'We have one quick request to ask of the council,' the skipper said."),
    ],
)
def test_reader_appeal_tail_is_removed(tail: str, expected_text: str) -> None:
    assert load_text(f"{BODY}\n\n{tail}").text == expected_text


def test_greeting_far_from_the_end_is_kept() -> None:
    story = "\n\n".join([LEAD, "Dear reader,", SECOND, LEAD, SECOND, LEAD, SECOND, LEAD])
    assert load_text(story).text == story


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (f"{SECOND} (More harbor stories.)", SECOND),
        (f"{SECOND} (See more ferry coverage.)", SECOND),
        # A parenthesis that counts, not a link.
        (f"{SECOND} (more than 200 stories)", f"{SECOND} (more than 200 stories)"),
    ],
)
def test_more_stories_note_is_cut_from_paragraph_end(paragraph: str, expected: str) -> None:
    assert load_text(f"{LEAD}\n\n{paragraph}").text == f"{LEAD}\n\n{expected}"


@pytest.mark.parametrize(
    "footer",
    [
        "Leave a Reply\n\nYour email address will not be published.",
        "Post a comment\n\nYour e-mail will not be shared. Required fields are marked *\n\nComment\nName",
        "Get breaking news first.\nTap to download our app.\nDownload the Harbor Wire app\nin two easy steps:\n"
        "1. Tap the share icon.\n2. Tap Add to Home Screen.",
    ],
)
def test_footer_block_is_removed(footer: str) -> None:
    assert load_text(f"{BODY}\n\n{footer}").text == BODY


def test_footer_marker_before_long_text_only_drops_the_marker() -> None:
    assert load_text(f"{LEAD}\n\nLeave a Reply\n\n{SECOND} {SECOND}").text == f"{LEAD}\n\n{SECOND} {SECOND}"


def test_in_body_short_lines_are_kept_unjoined() -> None:
    kept = "Fares Go Up In Spring"
    assert load_text(f"{LEAD}\n{kept}\n{SECOND}").text == f"{LEAD}\n\n{kept}\n\n{SECOND}"
