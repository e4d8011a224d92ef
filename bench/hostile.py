"""Extraction speed on hostile shapes of text beside ordinary news text (``make bench``; issue 12).

Each shape is a text of the size asked for (1 MB, then 10 MB where the 1 MB one took under a few seconds):
runs of one punctuation mark, one line of acronym sentences, abbreviations, long words, dense dates, ...
Each is extracted in a child process with a time limit, so a shape that does not finish is shown as such
instead of hanging the bench. The ordinary text is the samples' articles (``samples/geneva-2022``) repeated,
each copy extracted as its own article (as a corpus is); the same text as one article is a shape of its own.

    python bench/hostile.py                 # 1 MB, and 10 MB where quick
    python bench/hostile.py --sizes 0.1     # a quick look
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENEVA = ROOT / "samples" / "geneva-2022"
TEN_MB_IF_UNDER_S = 3.0  # a shape whose 1 MB took longer is not tried at 10 MB


def ordinary(size: int) -> str:
    texts = [p.read_text("utf-8") for p in sorted(GENEVA.glob("*.txt"))]
    out, n, i = [], 0, 0
    while n < size:
        t = texts[i % len(texts)] + f"\nCopy {i}.\n"
        out.append(t)
        n += len(t.encode())
        i += 1
    return "".join(out)


def repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode()))


ORDINARY = "ordinary news text"  # the samples' articles, each extracted as its own article
SHAPES = {  # name: a function of the size in bytes
    ORDINARY: ordinary,
    "ordinary text as one article": ordinary,
    "'!' x N": lambda n: repeat("!", n),
    "'.' x N": lambda n: repeat(".", n),
    "'?!.' x N": lambda n: repeat("?!.", n),
    "'The XYZ met. ' on one line": lambda n: repeat("The XYZ met. ", n),
    "'Mr. ' x N": lambda n: repeat("Mr. ", n),
    "'U.S. ' x N": lambda n: repeat("U.S. ", n),
    "'12. Januar ' x N": lambda n: repeat("12. Januar ", n),
    "one word, no space": lambda n: repeat("a", n),
    "spaces": lambda n: "x" + repeat(" ", n) + "x",
    "newlines": lambda n: repeat("\n", n),
    "'according  to' x N": lambda n: repeat("Russia met NATO, according  to him. ", n),
    "dates on one line": lambda n: repeat("on January 12, 2022 and ", n),
    "capitalised words": lambda n: repeat("Alpha Beta Gamma ", n),
    "'(((' x N": lambda n: repeat("(", n),
    "quotes": lambda n: repeat("\"'", n),
    "digits": lambda n: repeat("1", n),
    "'1,' x N": lambda n: repeat("1,", n),
    "Cyrillic one word": lambda n: repeat("ж", n),
}


def _extract(shape: str, size: int, queue) -> None:
    import datetime as dt

    from crosscheck.extract import extract
    from crosscheck.model import Article

    text = SHAPES[shape](size)
    pieces = text.split("\nCopy ") if shape == ORDINARY else [text]
    extract(Article("warm", "warm.txt", "Russia and NATO met in Geneva on January 10.", published=dt.date(2022, 1, 2)))
    start = time.process_time()
    for i, piece in enumerate(pieces):
        extract(Article(f"x{i}", f"x{i}.txt", piece, published=dt.date(2022, 1, 2)))
    queue.put((len(text.encode()), time.process_time() - start))


def measure(shape: str, size: int, limit: float) -> tuple[int, float] | None:
    """(bytes, CPU seconds) of one extraction, or None when it did not finish in ``limit`` seconds."""
    queue = mp.get_context("fork").Queue()
    child = mp.get_context("fork").Process(target=_extract, args=(shape, size, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get() if child.exitcode == 0 else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,10", help="sizes in MB, comma-separated (default 1,10)")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds a shape may take before it is given up")
    ap.add_argument("--only", help="only the shapes whose name contains this (a list: separated by '|')")
    ap.add_argument("--every-size", action="store_true",
                    help=f"try every size, even after a shape took over {TEN_MB_IF_UNDER_S:g} s at a smaller one")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    shapes = [s for s in SHAPES if not args.only or any(o in s for o in args.only.split("|")) or s == ORDINARY]
    print(f"crosscheck hostile shapes: extraction CPU time, one core; sizes {', '.join(f'{s:g} MB' for s in sizes)}")
    header = f"{'shape':<30}" + "".join(f"{f'{s:g} MB MB/s':>14}" for s in sizes) + f"{'vs ordinary':>13}"
    print(header)
    base: float | None = None
    outside: list[str] = []
    for shape in shapes:
        cells, first, quick = [], None, True  # first: the first size's MB/s, or None when it did not finish
        unfinished = False
        for size in sizes:
            if not quick:
                cells.append(f"{'-':>14}")
                continue
            got = measure(shape, int(size * 1e6), args.limit)
            if got is None:
                cells.append(f"{f'> {args.limit:.0f} s':>14}")
                unfinished = unfinished or first is None
                quick = False
                continue
            n, cpu = got
            rate = n / 1e6 / max(cpu, 1e-9)
            first = rate if first is None else first
            cells.append(f"{rate:>14.2f}")
            quick = cpu < TEN_MB_IF_UNDER_S or args.every_size
        ratio = ""
        if shape == ORDINARY:
            base = first
        elif base:
            if unfinished:  # slower than size / limit
                factor = base / (sizes[0] / args.limit)
                ratio = f"> {factor:.0f}x"
            else:
                factor = base / first
                ratio = f"{factor:.1f}x"
            if unfinished or factor > 10:
                outside.append(shape)
        print(f"{shape:<30}" + "".join(cells) + f"{ratio:>13}", flush=True)
    if base:
        print("every shape within 10x of ordinary text" if not outside else
              f"more than 10x slower than ordinary text: {'; '.join(outside)}")


if __name__ == "__main__":
    main()
