#!/usr/bin/env python3
"""Seeded corpus and watch lists for the match benchmark.

Writes into OUT:
  posts.jsonl      POSTS posts in the `earshot parse` shape (about 500 bytes each)
  text.txt         the same titles and texts, one field per line, for the peers
  terms-N.txt      N terms, one a line (for rg -f and the Python peers)
  config-N.toml    an earshot config watching those terms (10 terms per watch, `any`)

Words follow a Zipf law over a generated vocabulary (a few hundred real English function words at the top, then
pseudo-words), with some accented words, hashtags, handles, URLs and emoji. Terms are drawn from the middle and
the tail of the vocabulary (as brand and product names are), plus two-word phrases, so a realistic share of posts
mention some term.
"""
import json
import os
import random
import sys

SEED = int(os.environ.get("SEED", "20261122"))
POSTS = int(os.environ.get("POSTS", "100000"))
OUT = sys.argv[1] if len(sys.argv) > 1 else "."
rng = random.Random(SEED)

FUNCTION_WORDS = (
    "the of and to a in is that for it on was with he as you be at by this have from or one had not but what all "
    "were when we there can an your which their said if do will each about how up out them then she many some so "
    "these would other into has more her two like him see time could no make than first been its who now people "
    "my made over did down only way find use may water long little very after words called just where most know "
    "get through back much go good new write our me man too any day same right look think also around another "
    "came come work three word must because does part even place well such here take why things help put years "
    "different away again off went old number great tell men say small every found still between name should home "
    "big give air line set own under read last never us left end along while might next sound below saw something "
    "thought both few those always looked show large often together asked house don world going want school "
    "important until form food keep children feet land side without boy once animals life enough took sometimes "
    "four head above kind began almost live page got earth need far hand high year mother light parts country "
    "father let night following picture being study second eyes soon times story boys since white days ever paper "
    "hard near sentence better best across during today others however sure means knew try told young miles sun "
    "ways thing whole hear example heard several change answer room sea against top turned learned point city play "
    "toward five using himself usually money update release outage cloud service customers price launch team"
).split()
SYLLABLES = (
    "ka ri to mo ne sa lu vi de ga po zen tar lin mar cor bel fin dra gro plex tek sol nova byte flux arc "
    "ver qua xim yel bri sto win ple tra con ex in pro sys net data soft ware lab io ly ion ent ics ado"
).split()
ACCENTED = ["café", "naïve", "façade", "Zürich", "São", "Málaga", "élan", "über", "straße", "déjà", "İstanbul", "σοφός"]
EMOJI = ["🚀", "🔥", "👍", "😂", "❤️", "🎉"]

def pseudo_word(i):
    r = random.Random(i * 7919 + SEED)
    return "".join(r.choice(SYLLABLES) for _ in range(r.choice((2, 2, 3, 3, 4))))

VOCAB = list(dict.fromkeys(FUNCTION_WORDS + [pseudo_word(i) for i in range(60000)]))
N = len(VOCAB)
# Zipf weights, s = 1.05.
weights = [1.0 / (rank + 1) ** 1.05 for rank in range(N)]
cumulative = []
total = 0.0
for w in weights:
    total += w
    cumulative.append(total)

def words(k):
    return rng.choices(VOCAB, cum_weights=cumulative, k=k)

def decorate(ws):
    out = []
    for w in ws:
        x = rng.random()
        if x < 0.01:
            w = rng.choice(ACCENTED)
        elif x < 0.02:
            w = "#" + w
        elif x < 0.025:
            w = "@" + w
        elif x < 0.03:
            w = w.capitalize()
        elif x < 0.032:
            w = rng.choice(EMOJI)
        elif x < 0.033:
            w = "https://www." + w + ".com/" + rng.choice(VOCAB[:500])
        out.append(w)
    text = ""
    for i, w in enumerate(out):
        text += w
        if i + 1 < len(out):
            text += rng.choice((" ", " ", " ", " ", " ", " ", ", ", ". ", " "))
    return text[:1].upper() + text[1:] + "."

os.makedirs(OUT, exist_ok=True)
size = 0
with open(os.path.join(OUT, "posts.jsonl"), "w", encoding="utf-8") as posts, \
        open(os.path.join(OUT, "text.txt"), "w", encoding="utf-8") as plain:
    for i in range(POSTS):
        title = decorate(words(rng.randint(5, 11)))
        text = decorate(words(rng.randint(45, 85)))
        post = {"source": "s%d" % (i % 50), "id": "p%d" % i, "url": "https://news%d.example/%d" % (i % 50, i),
                "title": title, "text": text, "author": "author%d" % (i % 997),
                "published": "2026-11-%02dT%02d:00:00Z" % (1 + i % 28, i % 24)}
        line = json.dumps(post, ensure_ascii=False)
        posts.write(line + "\n")
        plain.write(title + "\n" + text + "\n")
        size += len(line) + 1

def term_list(count):
    """Brand-like terms: 10% words from the vocabulary's tail (they occur now and then), 20% two-word phrases
    starting with a mid-frequency word, 70% names that are not in the corpus's vocabulary (most watched names
    rarely appear in any given stream)."""
    r = random.Random(SEED + count)
    vocabulary = set(VOCAB)
    terms = []
    seen = set()
    while len(terms) < count:
        x = r.random()
        if x < 0.1:
            term = r.choice(VOCAB[20000:])
        elif x < 0.3:
            term = r.choice(VOCAB[2000:]) + " " + r.choice(VOCAB[300:])
        else:
            term = "".join(r.choice(SYLLABLES) for _ in range(r.choice((2, 3, 3, 4))))
            if term in vocabulary:
                continue
        if term not in seen:
            seen.add(term)
            terms.append(term)
    return terms

CONFIG_HEAD = """[daemon]
state_dir = "state"
[routing]
fallback = "a"
[[ambassador]]
id = "a"
name = "A"
email = "a@example.com"
channels = ["c"]
[[channel]]
id = "c"
kind = "maildir"
path = "maildir"
"""

for count in (1000, 10000):
    terms = term_list(count)
    with open(os.path.join(OUT, "terms-%d.txt" % count), "w", encoding="utf-8") as f:
        f.write("\n".join(terms) + "\n")
    with open(os.path.join(OUT, "config-%d.toml" % count), "w", encoding="utf-8") as f:
        f.write(CONFIG_HEAD)
        for w in range(0, count, 10):
            f.write("[[watch]]\nid = \"w%d\"\nany = %s\ntags = [\"t\"]\n" % (w // 10, json.dumps(terms[w:w + 10], ensure_ascii=False)))
print("posts: %d, %.1f MB" % (POSTS, size / 1e6))
