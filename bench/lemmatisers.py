"""Compare Morfeusz 2 and simplemma on Polish word forms typical of the registry.

Quality: share of forms whose expected lemma is among the lemmas given (Morfeusz may
give several; simplemma gives one). Speed: microseconds per word, cold cache.
Run: .venv/bin/python bench/lemmatisers.py (needs `pip install simplemma`).
"""

import json
import time

GOLD = {
    "organizacjami": "organizacja",
    "pozarządowymi": "pozarządowy",
    "powiecie": "powiat",
    "gostyńskim": "gostyński",
    "Łodzi": "Łódź",
    "stowarzyszeniem": "stowarzyszenie",
    "fundacji": "fundacja",
    "społecznej": "społeczny",
    "seniorów": "senior",
    "seniorami": "senior",
    "dzieci": "dziecko",
    "młodzieży": "młodzież",
    "województwie": "województwo",
    "opolskim": "opolski",
    "gminie": "gmina",
    "kołach": "koło",
    "gospodyń": "gospodyni",
    "wiejskich": "wiejski",
    "spółdzielniami": "spółdzielnia",
    "socjalnymi": "socjalny",
    "konsultacjach": "konsultacja",
    "uwagami": "uwaga",
    "projektów": "projekt",
    "ustaw": "ustawa",
    "szkoleniach": "szkolenie",
    "konferencji": "konferencja",
    "wolontariuszy": "wolontariusz",
    "niepełnosprawnymi": "niepełnosprawny",
    "rodzinom": "rodzina",
    "zdrowia": "zdrowie",
    "kultury": "kultura",
    "sztuki": "sztuka",
    "przedsiębiorczości": "przedsiębiorczość",
    "partnerstwach": "partnerstwo",
    "samorządów": "samorząd",
    "ministerstwie": "ministerstwo",
    "pełnomocnikiem": "pełnomocnik",
    "inicjatyw": "inicjatywa",
    "mieszkańcami": "mieszkaniec",
    "Gostyniu": "Gostyń",
    "Opolu": "Opole",
    "Poznaniu": "Poznań",
    "Szczecinie": "Szczecin",
    "Toruniu": "Toruń",
    "Lublinie": "Lublin",
    "ludzi": "człowiek",
    "lepszych": "dobry",
    "działaniach": "działanie",
    "zadań": "zadanie",
    "ochotniczej": "ochotniczy",
}


def morfeusz_lemmas():
    import morfeusz2

    analyser = morfeusz2.Morfeusz(generate=False, expand_tags=False)
    return lambda w: {a[2][1].split(":")[0].lower() for a in analyser.analyse(w)}


def simplemma_lemmas():
    import simplemma

    return lambda w: {simplemma.lemmatize(w, lang="pl").lower()}


def measure(name, factory):
    started = time.perf_counter()
    lemmatise = factory()
    load = time.perf_counter() - started
    hits = [w for w, lemma in GOLD.items() if lemma.lower() in lemmatise(w)]
    words = list(GOLD) * 200
    started = time.perf_counter()
    for word in words:
        lemmatise(word)
    per_word = (time.perf_counter() - started) / len(words) * 1e6
    return {
        "lemmatiser": name,
        "correct": len(hits),
        "of": len(GOLD),
        "missed": sorted(set(GOLD) - set(hits)),
        "load_s": round(load, 2),
        "us_per_word": round(per_word, 1),
    }


if __name__ == "__main__":
    for name, factory in (
        ("morfeusz2", morfeusz_lemmas),
        ("simplemma", simplemma_lemmas),
    ):
        print(json.dumps(measure(name, factory), ensure_ascii=False))
