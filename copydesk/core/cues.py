"""Phrase cues: heuristics as data (conventions §6). Each pattern names the label it suggests and is
matched only against short lines (cue phrases inside a long paragraph are usually the article talking
about cookies or newsletters, not a widget).

Sources: C4 (Raffel et al. 2020 §2.2: "javascript", cookie/privacy lines), RefinedWeb (Penedo et al.
2023, App. G: "sign in", "read more", counters), jusText (Pomikálek 2011: "©" and short link-dense
blocks are bad), trafilatura's boilerplate class/id lists (for HTML). Multilingual variants cover the
languages of the dev benchmark and common European news languages.
"""
from __future__ import annotations

import re

# Lines longer than this are never judged by a phrase cue alone (they read as prose).
CUE_MAX_CHARS = 320

_I = re.I | re.U

ADVERTISEMENT = re.compile(
    r"^(?:advertisement|advertisements|advertising|ad|ads|sponsored(?: content| links?)?|paid (?:post|content)|"
    r"promoted(?: content)?|anzeige|werbung|publicidad|publicidade|publicité|pubblicità|reklama|реклама|广告|"
    r"story continues below(?: advertisement)?|article continues below(?: advertisement)?|"
    r"continue reading (?:the main story|below)|скрыть рекламу)[\s.:]*$", _I)

COOKIE = re.compile(
    r"\b(?:cookies?|cookie policy|cookie settings|consent|gdpr)\b.*\b(?:use|uses|using|accept|agree|consent|"
    r"experience|policy|settings|browsing|continu\w*|personal data)\b|"
    r"\b(?:we use|this (?:site|website) uses|utilizamos|usamos|nous utilisons|wir verwenden|используем)\b.*\bcookie",
    _I)

NEWSLETTER = re.compile(
    r"\b(?:newsletters?|subscribe|subscribed|subscription|subscribing|sign up for|sign-up|signup|"
    r"e-?mail address|your inbox|in your inbox|unsubscribe|assine|assinar|inscreva|suscr[ií]b|abonnez|"
    r"abonnieren|iscriviti|подпис)\w*", _I)

COPYRIGHT = re.compile(
    r"(?:^|\s)(?:©|\(c\)|&copy;)|\bcopyright\b|\ball rights reserved\b|\btodos os direitos\b|"
    r"\btodos los derechos\b|\btous droits\b|\balle rechte\b|\bвсе права\b", _I)

TAGS = re.compile(
    r"^(?:tags?|topics?|related topics|keywords?|filed under|categories|schlagwörter|themen|etiquetas|"
    r"temas|tópicos|mots[- ]clés|argomenti|теги|темы)\s*[:：]", _I)

SHARE_WORDS = (
    r"share|shares|share this|share this article|share this story|share on \w+|tweet|email|e-mail|print|"
    r"facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|messenger|flipboard|copy link|"
    r"copy|link|save|comments?|\d+ comments?|comment|compartilhe|compartilhar|compartir|partager|teilen|"
    r"condividi|поделиться|gift this article|give this article|listen|listen to this article"
)
SHARE = re.compile(rf"^(?:(?:{SHARE_WORDS})[\s|/,·•]*)+$", _I)

LEGAL = re.compile(
    r"\b(?:terms of (?:use|service|sale)|terms (?:&|and) conditions|privacy (?:policy|notice|statement|"
    r"settings|center|centre)|cookie policy|accessibility(?: statement)?|do not sell|your (?:privacy|ad) "
    r"choices|ad ?choices|contact us|about us|site ?map|impressum|datenschutz|política de privacidade|"
    r"política de privacidad|mentions légales|termos de uso|advertise with us|careers|code of (?:ethics|conduct)|"
    r"corrections? policy|editorial (?:standards|guidelines)|community guidelines|licensing)\b", _I)

WIDGET_HEADING = re.compile(
    r"^(?:related(?: stories| articles| news| content| coverage| posts| links| reading| topics)?|"
    r"featured(?: stories| articles| video)?|recommended(?: for you| stories| reading| articles)?|"
    r"more (?:from|on|about|stories|news|in|like this|top stories|to read|videos?)\b.*|"
    r"most (?:read|popular|viewed|shared|commented|emailed)(?: (?:in|on|from) .{1,40})?|trending(?: now| stories)?|popular(?: now| stories)?|"
    r"read (?:more|next|also)|also read|see also|you may (?:also )?like|you might (?:also )?like|"
    r"don'?t miss|editor'?s picks?|top stories|latest(?: news| stories| headlines| videos?)?|"
    r"sponsored stories|around the web|from (?:our partners|the web)|what to read next|recommended videos?|"
    r"up next|watch next|in case you missed it|more headlines|lesen sie auch|mehr zum thema|"
    r"leia (?:também|mais)|veja (?:também|mais)|mais lidas|lea también|más leídas|lire aussi|à lire aussi|"
    r"voir aussi|читайте также|по теме|самое (?:читаемое|популярное)|相关(?:新闻|阅读))[\s:.!…»›>-]*$", _I)

# "Related: <headline>" teaser inline in the body.
RELATED_INLINE = re.compile(
    r"^(?:related|read more|read also|also read|see also|see more|also|more|watch|listen|recommended|trending|"
    r"popular|latest|must read|don'?t miss|top stor(?:y|ies)|editor'?s picks?|sponsored|promoted|leia também|veja também|"
    r"lea también|lire aussi|lesen sie auch|читайте также)\s*[:：|»›>-]\s*\S", _I)

BYLINE = re.compile(
    r"^(?:by|written by|reporting by|words by|von|par|por|di|de|автор|text)[\s:]+\S", _I)

NAV_WORDS = re.compile(
    r"^(?:home|menu|search|log ?in|sign ?in|sign ?out|log ?out|register|subscribe|skip to (?:main )?content|"
    r"skip navigation|toggle navigation|main menu|close|open|back to top|next|previous|prev|more|sections|"
    r"all sections|account|my account|profile|settings|edit|reply|report|follow|follow us|help|faq|rss|"
    r"newsletters?|podcasts?|videos?|photos?|opinion|sports?|business|world|politics|tech|technology|"
    r"science|health|entertainment|lifestyle|travel|weather|local|national|news|español|english|"
    r"início|inicio|accueil|startseite|главная|copied|advert|trending news|print|share|email)[\s!.:]*$", _I)

# Photo/credit phrases marking a caption or credit line.
CREDIT = re.compile(
    r"(?:\((?:photo|image|picture|foto|credit|file)[^)]*\)|\b(?:photo|image|picture|foto|photograph)\s*"
    r"(?:credit|by|:|/|courtesy)|\bcredit\s*:|\b(?:getty images|shutterstock|afp|ap photo|reuters|epa|"
    r"istock|alamy|associated press)\b\s*\)?\s*$|\bcourtesy of\b|\|\s*[^|]{0,80}\bvia\b[^|]*$)", _I)

# Date/time shapes for timestamp lines.
MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|"
    r"outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|"
    r"märz|juni|juli|oktober|dezember|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|"
    r"ноября|декабря"
)
DATE_TOKEN = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|"
    rf"\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b|\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?|"
    rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*(?:\d{{4}})?|\b\d{{1,2}}\.?\s+(?:de\s+)?(?:{MONTHS})\.?"
    rf"(?:\s+(?:de\s+)?\d{{4}})?|\b(?:19|20)\d{{2}}\b|"
    rf"\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b,?|"
    rf"\b(?:updated|published|posted|last updated|atualizado|publicado|actualizado|mis à jour|publié|"
    rf"aktualisiert|veröffentlicht|обновлено|опубликовано)\b:?|\b(?:[ap]\.?m\.?|gmt|utc|[ecmp][sd]t|bst|cet|"
    rf"cest|ist|jst|kst)\b|\b\d+\s+(?:hours?|minutes?|mins?|days?|weeks?)\s+ago\b|\b(?:on|at|de|às|le)\b", _I)

# Comment sections follow the article ("12 responses to ...", "jdoe says:", "Leave a reply"); a reader
# comment is never part of the article body (RefinedWeb drops such UI lines; jusText treats comments as bad).
# Only "says:" marks a commenter: "The mayor said:" / "Smith wrote:" introduce quotes inside articles.
COMMENT = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|thoughts|reactions)(?:\s+(?:on|to)\s+[\"“«„‘].{0,200})?|"
    r"\S(?:.{0,40}\S)?\s+(?:says|commented|replied)\s*:|"
    r"(?:leave|post|add|write) (?:a |your )?(?:comment|reply)\b.*|comments? (?:are )?closed\b.*|"
    r"(?:no comments?(?: yet)?|show comments|view comments|load comments|join the (?:conversation|discussion))\b.*|"
    r"(?:please )?enable javascript to view the comments.*|reply\s*↓?|cancel reply|"
    r"(?:kommentare?|comentários?|comentarios?|commentaires?|комментари\w*)\s*(?:\(\d+\))?:?)$", _I)

# Share-bar UI text with an action verb ("Click to share on Twitter (Opens in new window)").
SHARE_ACTION = re.compile(r"^(?:click to (?:share|email|print)|share (?:this(?: \w+)? )?(?:on|via|with)|"
                          r"opens in (?:a )?new window)\b|"
                          r"\(opens in (?:a )?new window\)\s*$", _I)

# A teaser cut off by the widget ("... with improved Alexa suppor..."): a headline truncated mid-word.
TRUNCATED = re.compile(r"\w(?:\.\.\.|…)\s*$")

# Popularity counters after a headline ("Week 12 power rankings (133)"): a most-read list, not prose.
COUNTER_SUFFIX = re.compile(r"\((?:\d{1,6}|(?:\d{1,3}%,?\s*)?[\d,.]+\s*votes?)\)\s*$", re.I)

# Caption credits at the end of a line ("... in Nogales, Ariz. (AP)", "[File: Reuters]") and caption
# labels that text dumps keep from players/figures ("Image caption ...", "Photo: ...").
CAPTION = re.compile(
    r"(?:\((?:AP|AFP|Reuters|EPA|Getty(?: Images)?|Bloomberg|Xinhua|File|Photo[^)]{0,60}|"
    r"[A-Z][\w.]+(?: [A-Z][\w.]+){0,3}/(?:AP|AFP|Reuters|Getty Images|EPA))\)\s*$|"
    r"\[(?:File|Photo|Image|Foto)\b[^\]]{0,60}\]\s*$|^(?i:image|photo|video|media|picture) (?i:caption|copyright|credit)\b)", re.U)

# Cookie banners can be long; when the line opens with the cookie sentence, it is the banner however long.
COOKIE_LEAD = re.compile(
    r"^(?:this (?:web)?site uses cookies|we use cookies|our (?:web)?site uses cookies|by (?:continuing|using) "
    r"(?:to (?:use|browse) )?(?:this|our) (?:web)?site|necessary cookies|cookies? (?:help|are)|"
    r"utilizamos cookies|usamos cookies|nous utilisons des cookies|wir verwenden cookies)", _I)

# "About the author" / "About <Company>" boxes close an article (author bios, press-release boilerplate).
ABOUT_HEADING = re.compile(
    r"^(?:(?i:about(?: the)? (?:author|authors|writer|reporter)s?)|(?i:about) [A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}|"
    r"(?i:sobre (?:o autor|a autora|el autor))|(?i:sobre) [A-ZÀ-Ý][\w-]*(?: [A-ZÀ-Ý][\w-]*){0,3}|"
    r"(?i:über (?:den autor|die autorin))|(?i:über) [A-ZÄÖÜ][\w-]*(?: [A-ZÄÖÜ][\w-]*){0,3}|"
    r"(?i:à propos de l'auteur)|(?i:об авторе))\s*:?$", re.U)

# Calls to action ("Click here to get the app", "Get X on the go by clicking here").
CALL_TO_ACTION = re.compile(
    r"\b(?:click(?:ing)? here|tap here|download (?:the|our) app|get the \w+(?: \w+)? app|clique aqui|"
    r"haga clic aquí|cliquez ici|hier klicken)\b", _I)

# Legal small print that shares no words with the news it sits under: disclaimers, trademarks, terms.
DISCLAIMER = re.compile(
    r"\b(?:registered trademarks?|are trademarks of|not been evaluated by the food and drug|not intended to "
    r"(?:diagnose|treat|replace)|for informational purposes only|does not constitute (?:financial|legal|medical)"
    r"|the information (?:provided|contained) (?:on|in) this (?:web ?site|site)|may not be (?:reproduced|"
    r"republished|redistributed)|without (?:the )?(?:express |prior )*written (?:permission|consent)|"
    r"subject to copyright|community (?:rules|guidelines) apply|by registering you|you agree to (?:our|the) "
    r"(?:terms|privacy))\b", _I)

# How long photo captions end, whatever their length: a credit ("Credit: ESA", "NAME / AFP",
# "(AP Photo/Jane Doe)") or a gallery's expand/collapse toggle after the caption sentence ("... 2019. less").
CAPTION_END = re.compile(
    r"(?:\b(?i:credit|photo|image|foto)\s*:\s*[^.:]{1,60}|[.!?”’\"]\s+(?:less|more)|\.\.\.\s*more|"
    r"\b[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}\s*/\s*(?:AFP|AP|Reuters|Getty Images|EPA|Bloomberg|Xinhua|"
    r"Shutterstock|dpa)|\((?:AP|AFP|Reuters)(?: Photo)?(?:/[^)]{1,60})?\))\s*$", re.U)

# --- gates: cheap tests that every match of the pattern next to them must pass (lower-cased line) ---
# They exist for speed only (classify.cue_of): a set or substring test costs ~0.1 us, a regex scan 2-40 us.
# frozensets hold whole \w+ tokens (for patterns whose keywords are \b-bounded words); tuples hold
# substrings (stems such as "subscri") or prefixes.
GATE_CAPTION_END = frozenset("credit photo image foto less more ap afp reuters getty epa bloomberg xinhua "
                             "shutterstock dpa".split())
GATE_COOKIE_LEAD = ("this", "we use", "our", "by ", "necessary", "cookie", "utilizamos", "usamos", "nous",
                    "wir")
GATE_DISCLAIMER = frozenset("trademark trademarks food intended informational constitute information may "
                            "written copyright community registering agree".split())
GATE_DISCLAIMER_PHRASES = ("trademark", "food and drug", "not intended to", "informational purposes",
                           "does not constitute", "information provided", "information contained", "may not be",
                           "written permission", "written consent", "subject to copyright", "community rules",
                           "community guidelines", "by registering", "you agree to")
GATE_COMMENT = frozenset("comment comments reply replies join javascript kommentar kommentare comentário "
                         "comentários comentario comentarios commentaire commentaires".split())  # + "коммент"
GATE_COMMENT_VERB = frozenset("says commented replied".split())  # "jdoe says:"
GATE_SHARE_ACTION = frozenset(("click", "share", "opens"))
GATE_CAPTION_PREFIX = ("image", "photo", "video", "media", "picture")
GATE_ABOUT = ("about", "sobre", "über", "à propos", "об авторе")
GATE_CALL_TO_ACTION = frozenset("click clicking tap download app clique clic cliquez klicken".split())
GATE_COOKIE = frozenset(("consent", "gdpr"))  # + "cookie" as a substring
GATE_TAGS = ("tag", "topic", "related topics", "keyword", "filed under", "categor", "schlagw", "themen",
             "etiqueta", "temas", "tópicos", "mots", "argomenti", "теги", "темы")
GATE_CREDIT = frozenset("photo image picture foto photograph credit getty shutterstock afp ap reuters "
                        "epa istock alamy associated courtesy via".split())
GATE_CREDIT_PAREN = ("(photo", "(image", "(picture", "(foto", "(credit", "(file")
GATE_NEWSLETTER = ("newsletter", "subscri", "sign up", "sign-up", "signup", "mail address", "inbox", "assin",
                   "inscrev", "suscr", "abonn", "iscriv", "подпис")
GATE_COPYRIGHT = ("©", "(c)", "&copy;", "copyright", "rights reserved", "direitos", "derechos", "droits",
                  "rechte", "права")
GATE_SHARE = ("share", "tweet", "email", "e-mail", "print", "facebook", "twitter", "x", "whatsapp", "linkedin",
              "pinterest", "reddit", "telegram", "messenger", "flipboard", "copy", "link", "save", "comment",
              "compartilh", "compartir", "partager", "teilen", "condividi", "поделиться", "gift", "give",
              "listen")
GATE_WIDGET = ("related", "featured", "recommended", "more", "most ", "trending", "popular", "read ", "also read",
               "see also", "you may", "you might", "don", "editor", "top stories", "latest", "sponsored stories",
               "around the web", "from ", "what to read", "up next", "watch next", "in case", "lesen", "mehr",
               "leia", "veja", "mais lidas", "lea ", "más leídas", "lire", "à lire", "voir aussi", "читайте",
               "по теме", "самое", "相关")
GATE_RELATED_INLINE = ("related", "read more", "read also", "also read", "see also", "see more", "also", "more",
                       "watch", "listen", "recommended", "trending", "popular", "latest", "must read", "don",
                       "top stor", "editor", "sponsored", "promoted", "leia", "veja", "lea", "lire", "lesen",
                       "читайте")
GATE_LEGAL = ("terms", "privacy", "cookie policy", "accessibility", "do not sell", "choices", "contact",
              "about us", "site", "impressum", "datenschutz", "política", "mentions", "termos", "advertise",
              "careers", "code of", "correction", "editorial", "community", "licensing")
GATE_BYLINE = ("by", "written", "reporting", "words", "von", "par", "por")
GATE_ADVERTISEMENT = ("ad", "sponsored", "paid", "promoted", "anzeige", "werbung", "publici", "pubblicit",
                      "reklam", "реклам", "广告", "story continues", "article continues", "continue reading",
                      "скрыть")
# Every word DATE_TOKEN can consume (months, weekdays, am/pm, zones, "updated", "ago"...): is_timestamp's
# pre-check. Tokens are \w+ runs of the lower-cased line.
DATE_WORDS = frozenset(
    [m for alt in MONTHS.split("|") for m in (alt.replace("(?:", "|").replace(")?", "").split("|"))] +
    """jan january feb february mar march apr april may jun june jul july aug august sep sept september oct
    october nov november dec december mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri
    friday sat saturday sun sunday mo tu we th fr sa su day sday nesday rsday urday updated published posted last
    atualizado publicado actualizado mis à jour publié aktualisiert veröffentlicht обновлено опубликовано a p m
    am pm gmt utc est edt cst cdt mst mdt pst pdt bst cet cest ist jst kst hour hours minute minutes min mins
    day days week weeks ago on at de às le t z st nd rd th""".split())

# Caption wording: who stands where in the photo, or an artist's illustration (0 of 16 such lines on the dev
# pages are article text). ", pictured," is left out: tabloid body text uses it ("Smith, pictured, said").
CAPTION_PHRASE = re.compile(
    r"(?:^(?:an? |this |the )?(?:artist.s )?illustration (?:of|shows)|, (?:left|right|center|centre|"
    r"second from (?:left|right)),|\((?:left|right|center|centre)\)|\b(?:from )?left to right\b)", _I)
GATE_CAPTION_PHRASE = frozenset(("illustration", "left", "right", "center", "centre"))


def lowered(p: re.Pattern) -> re.Pattern:
    """The case-insensitive pattern `p` as a case-sensitive one for lower-cased text (escapes such as
    \\S kept): the same matches on `text.lower()`, at a third of the cost of re.IGNORECASE."""
    src = re.sub(r"\\.|[^\\]+", lambda m: m.group() if m.group().startswith("\\") else m.group().lower(), p.pattern)
    return re.compile(src, p.flags & ~re.I)


# lower-case twins used by classify.cue_of on the lower-cased line
ADVERTISEMENT_LOW, COOKIE_LOW, NEWSLETTER_LOW, COPYRIGHT_LOW, TAGS_LOW, SHARE_LOW, LEGAL_LOW = map(
    lowered, (ADVERTISEMENT, COOKIE, NEWSLETTER, COPYRIGHT, TAGS, SHARE, LEGAL))
WIDGET_HEADING_LOW, RELATED_INLINE_LOW, COMMENT_LOW, SHARE_ACTION_LOW, COOKIE_LEAD_LOW = map(
    lowered, (WIDGET_HEADING, RELATED_INLINE, COMMENT, SHARE_ACTION, COOKIE_LEAD))
CALL_TO_ACTION_LOW, DISCLAIMER_LOW, DATE_TOKEN_LOW, CAPTION_PHRASE_LOW = map(
    lowered, (CALL_TO_ACTION, DISCLAIMER, DATE_TOKEN, CAPTION_PHRASE))

# NAV_WORDS as a set of whole lower-cased lines (a lone menu word), for a dictionary lookup.
NAV_SET = frozenset(
    "home|menu|search|login|log in|signin|sign in|signout|sign out|logout|log out|register|subscribe|"
    "skip to content|skip to main content|skip navigation|toggle navigation|main menu|close|open|back to top|"
    "next|previous|prev|more|sections|all sections|account|my account|profile|settings|edit|reply|report|"
    "follow|follow us|help|faq|rss|newsletter|newsletters|podcast|podcasts|video|videos|photo|photos|opinion|"
    "sport|sports|business|world|politics|tech|technology|science|health|entertainment|lifestyle|travel|"
    "weather|local|national|news|español|english|início|inicio|accueil|startseite|главная|copied|advert|"
    "trending news|print|share|email".split("|"))
AGENCIES = frozenset("afp ap reuters getty epa bloomberg xinhua shutterstock dpa".split())

# An e-mail address in a line marks a contact or author-box line (0 of 18 such lines on the dev pages
# are article text); "Follow us on Twitter" is the share/social bar (0 of 15).
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}", re.I)
FOLLOW_LOW = re.compile(r"(?:^|\b)follow (?:us|him|her|them|[\w.-]+) on\b|^follow us\b")
