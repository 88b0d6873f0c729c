#!/usr/bin/env python3
"""Deterministic feed corpus for the Earshot benchmarks.

Writes COUNT feed files (RSS 2.0, Atom 1.0, RSS 1.0/RDF and JSON Feed 1.1, mixed) of about ITEMS items each to
OUT/feeds/, with English-like text drawn from a Zipf distribution, HTML in descriptions, a little non-ASCII, and a
few brand and competitor names (in about MENTION_RATE of the posts) so the benchmark watches find mentions.
Every guid is unique across the corpus, so a first poll cycle sees every post as new.
Same seed, same bytes: the output depends only on the arguments.
"""
import argparse
import bisect
import json
import os
import random
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

COMMON = """the of and to a in is it you that he was for on are with as his they be at one have this from or had by
not word but what some we can out other were all there when up use your how said an each she which do their time if
will way about many then them write would like so these her long make thing see him two has look more day could go
come did number sound no most people my over know water than call first who may down side been now find any new work
part take get place made live where after back little only round man year came show every good me give our under
name very through just form sentence great think say help low line differ turn cause much mean before move right boy
old too same tell does set three want air well also play small end put home read hand port large spell add even land
here must big high such follow act why ask men change went light kind off need house picture try us again animal
point mother world near build self earth father head stand own page should country found answer school grow study
still learn plant cover food sun four between state keep eye never last let thought city tree cross farm hard start
might story saw far sea draw left late run don't while press close night real life few north open seem together next
white children begin got walk example ease paper group always music those both mark often letter until mile river car
feet care second book carry took science eat room friend began idea fish mountain stop once base hear horse cut sure
watch color face wood main enough plain girl usual young ready above ever red list though feel talk bird soon body
dog family direct pose leave song measure door product black short numeral class wind question happen complete ship
area half rock order fire south problem piece told knew pass since top whole king space heard best hour better true
during hundred five remember step early hold west ground interest reach fast verb sing listen six table travel less
morning ten simple several vowel toward war lay against pattern slow center love person money serve appear road map
rain rule govern pull cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan
figure star box noun field rest correct able pound done beauty drive stood contain front teach week final gave green
quick develop ocean warm free minute strong special mind behind clear tail produce fact street inch multiply nothing
course stay wheel full force blue object decide surface deep moon island foot system busy test record boat common gold
possible plane stead dry wonder laugh thousand ago ran check game shape equate miss brought heat snow tire bring yes
distant fill east paint language among server cloud deploy release update latency outage pricing customer support
database cluster region network storage backup security patch kernel developer open source api endpoint dashboard
billing invoice migration upgrade container service compute""".split()

ACCENTED = ["café", "naïve", "résumé", "façade", "coöperate", "São Paulo", "Zürich", "Kraków", "jalapeño", "déjà vu"]
BRANDS = [
    "Acme Cloud", "acmecloud", "Acme SDK", "github.com/acme/acme-sdk", "Globex Cloud", "Initech Compute",
    "Umbrella Hosting", "egress fees", "cloud pricing", "price increase",
]
NAMES = ["Alice Martin", "Bob Nguyen", "Carla Rossi", "Dmitri Ivanov", "Eve O'Brien", "Farah Khan", "Gus Müller",
         "Hana Sato", "Ivan Petrov", "Julia Souza", "Kwame Mensah", "Lena Fischer"]


def syllable_words(rng, n):
    onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr",
              "pl", "gr", "ch", "sh", "th", "br", "cl"]
    vowels = ["a", "e", "i", "o", "u", "ea", "ou", "ai", "io"]
    codas = ["", "n", "r", "s", "t", "l", "nd", "st", "ng", "ck", "m"]
    seen = set(COMMON)
    words = []
    while len(words) < n:
        w = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.choice((1, 2, 2, 3))))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


class Text:
    def __init__(self, rng):
        self.rng = rng
        self.vocab = COMMON + syllable_words(rng, 12000)
        weights = [1.0 / (rank + 2.7) for rank in range(len(self.vocab))]  # Zipf-Mandelbrot
        total = 0.0
        self.cum = []
        for w in weights:
            total += w
            self.cum.append(total)
        self.total = total

    def word(self):
        return self.vocab[bisect.bisect_left(self.cum, self.rng.random() * self.total)]

    def sentence(self, lo=5, hi=12, brand=None):
        rng = self.rng
        words = [self.word() for _ in range(rng.randint(lo, hi))]
        if rng.random() < 0.04:
            words[rng.randrange(len(words))] = rng.choice(ACCENTED)
        if brand:
            words.insert(rng.randrange(len(words) + 1), brand)
        for i in range(1, len(words) - 1):
            if rng.random() < 0.07:
                words[i] += ","
        s = " ".join(words)
        return s[0].upper() + s[1:] + rng.choice(".......?!")

    def title(self, brand=None):
        s = self.sentence(4, 9, brand).rstrip(".?!")
        if self.rng.random() < 0.15:
            s = "\u201c" + s + "\u201d"
        if self.rng.random() < 0.1:
            s += " \u2014 " + self.word()
        return s

    def html(self, brand=None):
        """A short HTML fragment: paragraphs, a link, emphasis, sometimes a list and entities."""
        rng = self.rng
        paras = []
        brand_para = rng.randrange(2) if brand else -1
        for p in range(rng.choice((1, 1, 1, 2))):
            sentences = [self.sentence(brand=brand if p == brand_para and i == 0 else None)
                         for i in range(1 if rng.random() < 0.75 else 2)]
            text = " ".join(sentences)
            words = text.split(" ")
            if len(words) > 4 and rng.random() < 0.6:
                k = rng.randrange(len(words) - 2)
                tag = rng.choice(("strong", "em", "code"))
                words[k] = "<%s>%s</%s>" % (tag, words[k], tag)
            if len(words) > 6 and rng.random() < 0.5:
                k = rng.randrange(len(words) - 3)
                words[k] = '<a href="https://blog.example.org/%s/%d">%s</a>' % (
                    self.word(), rng.randrange(10000), words[k])
            text = " ".join(words)
            if rng.random() < 0.2:
                text += " &hellip;"
            if rng.random() < 0.15:
                text = text.replace(" and ", " &amp; ", 1)
            paras.append("<p>" + text + "</p>")
        if rng.random() < 0.1:
            paras.append("<ul>" + "".join("<li>%s</li>" % self.word() for _ in range(rng.randint(2, 3))) + "</ul>")
        if rng.random() < 0.08:
            paras.append('<img src="https://cdn.example.org/i/%d.png" alt="%s"/>' % (rng.randrange(99999), self.word()))
        return "".join(paras)


def rfc822(d):
    return d.strftime("%a, %d %b %Y %H:%M:%S +0000")


def rfc3339(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def make_items(rng, text, n, feed_no, base_date, mention_rate):
    items = []
    d = base_date
    for i in range(n):
        d -= timedelta(seconds=rng.randint(300, 20000))
        brand = rng.choice(BRANDS) if rng.random() < mention_rate else None
        slug = "-".join(text.word() for _ in range(3)).replace("'", "")
        items.append({
            "id": "urn:earshot-bench:%05d:%03d" % (feed_no, i),
            "link": "https://site%04d.example.org/%d/%s" % (feed_no, d.year, slug),
            "title": text.title(brand if brand and rng.random() < 0.3 else None),
            "html": text.html(brand),
            "author": rng.choice(NAMES),
            "date": d,
            "tags": [text.word() for _ in range(rng.randint(0, 2))],
        })
    return items


def rss(feed_no, title, items, rng):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n',
           "<title>%s</title>\n<link>https://site%04d.example.org/</link>\n" % (escape(title), feed_no),
           '<atom:link href="https://site%04d.example.org/feed" rel="self" type="application/rss+xml"/>\n' % feed_no,
           "<description>%s</description>\n<language>en-us</language>\n" % escape(title),
           "<lastBuildDate>%s</lastBuildDate>\n" % rfc822(items[0]["date"])]
    cdata = rng.random() < 0.4
    for it in items:
        out.append("<item>\n<title>%s</title>\n<link>%s</link>\n" % (escape(it["title"]), it["link"]))
        out.append('<guid isPermaLink="false">%s</guid>\n<pubDate>%s</pubDate>\n' % (it["id"], rfc822(it["date"])))
        out.append("<dc:creator>%s</dc:creator>\n" % escape(it["author"]))
        for t in it["tags"]:
            out.append("<category>%s</category>\n" % t)
        if cdata:
            out.append("<content:encoded><![CDATA[%s]]></content:encoded>\n" % it["html"])
        else:
            out.append("<description>%s</description>\n" % escape(it["html"]))
        out.append("</item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def atom(feed_no, title, items, rng):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n',
           "<title>%s</title>\n<id>tag:site%04d.example.org,2024:feed</id>\n" % (escape(title), feed_no),
           '<link rel="alternate" href="https://site%04d.example.org/"/>\n' % feed_no,
           '<link rel="self" href="https://site%04d.example.org/atom.xml"/>\n' % feed_no,
           "<updated>%s</updated>\n" % rfc3339(items[0]["date"])]
    for it in items:
        out.append("<entry>\n<title type=\"text\">%s</title>\n" % escape(it["title"]))
        out.append('<link rel="alternate" type="text/html" href="%s"/>\n' % it["link"])
        out.append("<id>%s</id>\n<published>%s</published>\n<updated>%s</updated>\n"
                   % (it["id"], rfc3339(it["date"]), rfc3339(it["date"])))
        out.append("<author><name>%s</name></author>\n" % escape(it["author"]))
        for t in it["tags"]:
            out.append('<category term="%s"/>\n' % t)
        out.append('<content type="html">%s</content>\n</entry>\n' % escape(it["html"]))
    out.append("</feed>\n")
    return "".join(out)


def rdf(feed_no, title, items, rng):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n',
           '<channel rdf:about="https://site%04d.example.org/">\n<title>%s</title>\n' % (feed_no, escape(title)),
           "<link>https://site%04d.example.org/</link>\n<description>%s</description>\n<items><rdf:Seq>\n"
           % (feed_no, escape(title))]
    for it in items:
        out.append('<rdf:li rdf:resource="%s"/>\n' % it["link"])
    out.append("</rdf:Seq></items>\n</channel>\n")
    for it in items:
        out.append('<item rdf:about="%s">\n<title>%s</title>\n<link>%s</link>\n'
                   % (it["link"], escape(it["title"]), it["link"]))
        out.append("<dc:identifier>%s</dc:identifier>\n" % it["id"])
        out.append("<dc:date>%s</dc:date>\n<dc:creator>%s</dc:creator>\n"
                   % (rfc3339(it["date"]), escape(it["author"])))
        out.append("<description>%s</description>\n</item>\n" % escape(it["html"]))
    out.append("</rdf:RDF>\n")
    return "".join(out)


def jsonfeed(feed_no, title, items, rng):
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": "https://site%04d.example.org/" % feed_no,
        "feed_url": "https://site%04d.example.org/feed.json" % feed_no,
        "language": "en",
        "items": [{
            "id": it["id"],
            "url": it["link"],
            "title": it["title"],
            "content_html": it["html"],
            "date_published": rfc3339(it["date"]),
            "authors": [{"name": it["author"]}],
            "tags": it["tags"],
        } for it in items],
    }
    pretty = rng.random() < 0.5
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5, indent=1 if pretty else None) + "\n"


FORMATS = [("rss", rss, 0.45), ("atom", atom, 0.30), ("rdf", rdf, 0.10), ("json", jsonfeed, 0.15)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--mention-rate", type=float, default=0.03)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    text = Text(rng)
    feeds = os.path.join(a.out, "feeds")
    os.makedirs(feeds, exist_ok=True)
    base = datetime(2024, 6, 1, 12, 0, 0, tzinfo=timezone.utc)
    names = []
    for n in range(a.count):
        r = rng.random()
        acc = 0.0
        for ext, writer, share in FORMATS:
            acc += share
            if r < acc:
                break
        count = max(1, a.items + rng.randint(-5, 5))
        items = make_items(rng, text, count, n, base - timedelta(minutes=rng.randrange(5000)), a.mention_rate)
        body = writer(n, text.title(), items, rng)
        name = "%04d.%s" % (n, ext)
        with open(os.path.join(feeds, name), "w", encoding="utf-8") as f:
            f.write(body)
        names.append(name)
    with open(os.path.join(a.out, "index.txt"), "w") as f:
        f.write("\n".join(names) + "\n")


if __name__ == "__main__":
    main()
