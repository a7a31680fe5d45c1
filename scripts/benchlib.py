"""Shared by the benchmark scripts: generated article pages and child processes timed with their peak RSS."""
import os, random, subprocess, sys, time

WORDS = ("tariff steel Korea quota ministry semiconductor talks beef export Washington round barrier digital "
         "auto rate deal negotiation reciprocal agreement minister trade official percent network fees "
         "platform data origin safeguard duty investment procurement offset").split()


def make_pages(folder, count, seed=11, lead=None):
    """count article pages; lead(i, rng), when given, returns extra opening paragraphs (HTML) for page i."""
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    for i in range(count):
        paragraphs = [lead(i, rng)] if lead else []
        for p in range(8):
            words = " ".join(rng.choice(WORDS) for _ in range(45))
            paragraphs.append(f"<p>Seoul, May {1 + i % 28} -- Story {i}, part {p}: the ministry said on Tuesday "
                              f"that {rng.randint(5, 50)} percent {words}.</p>")
        html = (f"<html><head><title>Story {i} | Wire</title>"
                f"<meta property='article:published_time' content='2025-05-{1 + i % 28:02d}'></head><body>"
                f"<nav><a href='/'>Home</a> <a href='/economy'>Economy</a></nav><article><h1>Story {i}</h1>"
                + "".join(paragraphs) + "</article><footer>Copyright Wire</footer></body></html>")
        with open(os.path.join(folder, f"p{i:05d}.html"), "w") as f:
            f.write(html)
        with open(os.path.join(folder, f"p{i:05d}.html.url"), "w") as f:
            f.write(f"https://wire.example/2025/05/story-{i}.html\n")


def shared_template(i, rng):
    """The same long block on every page (a lead for make_pages): each page shares LSH bands with most earlier
    ones, yet none is a near-duplicate of another (about half their shingles are shared), so every shared band
    is a clustering candidate."""
    block = random.Random(5)
    return "".join("<p>" + " ".join(block.choice(WORDS) for _ in range(45)) + f" block {p}.</p>" for p in range(8))


def run(cmd):
    """Runs cmd; returns (seconds, stdout)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-500:]}")
    return seconds, out


def run_with_rss(rss_file, cmd):
    """Runs cmd; returns (seconds, peak RSS in MB, stdout). /usr/bin/time -f %M gives the child's own peak RSS
    (getrusage on children reports the maximum over all children so far)."""
    seconds, out = run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd)
    with open(rss_file) as f:
        rss_kb = int(f.read().strip().splitlines()[-1])
    return seconds, rss_kb / 1024, out
