/* test_record.c - out/.planpress-record (gen/record.c): a record read back
 * as written vouches for the files it names and no others; a record cut,
 * flipped or made of noise is refused whole (the build then renders
 * everything), never a crash; inputs hash what is in the files, and a hash
 * out/.planpress-stat records is taken only for a file of exactly the
 * recorded identity, changed before the recording build's "now". */
#include "record.h"
#include "unit.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[] = "/tmp/planpress-test-record-XXXXXX";

static void put(const char *rel, const char *text, size_t n)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *f = fopen(path, "wb");
	fwrite(text, 1, n, f);
	fclose(f);
}

static char *get(const char *rel, size_t *n)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	struct strbuf b = { 0 };
	strbuf_add_file(&b, path);
	*n = b.len;
	return b.data;
}

/* Until a file written now has a change time after rel's. */
static void wait_tick(const char *rel)
{
	char path[256], probe[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	snprintf(probe, sizeof probe, "%s/probe", dir);
	struct stat a, b;
	for (int i = 0; i < 1000 && stat(path, &a) == 0; i++) {
		put("probe", "", 0);
		if (stat(probe, &b) == 0 &&
		    (b.st_ctim.tv_sec > a.st_ctim.tv_sec ||
		     (b.st_ctim.tv_sec == a.st_ctim.tv_sec && b.st_ctim.tv_nsec > a.st_ctim.tv_nsec)))
			break;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	unlink(probe);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	char sub[300];
	snprintf(sub, sizeof sub, "%s/plans", dir);
	mkdir(sub, 0777);
	put("plans/x.html", "<p>x</p>", 8);
	put("index.html", "<p>i</p>", 8);
	put(OUTPUT_MANIFEST, "plans/x.html\nindex.html\n", 24);

	/* a record of one unit, written as a build writes it */
	struct inputs in = { 0 };
	memset(in.digest, 7, sizeof in.digest);
	unsigned char key[RECORD_KEY_SIZE], other[RECORD_KEY_SIZE];
	memset(key, 1, sizeof key);
	memset(other, 2, sizeof other);
	struct record_text t;
	record_begin(&t, &in, "a warning\n");
	char *files[] = { "plans/x.html" };
	record_add_unit(&t, key, files, 1);
	struct output o = { 0 };
	output_add_copy(&o, "plans/x.html", "<p>x</p>", 8);
	output_add_copy(&o, "index.html", "<p>i</p>", 8);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	record_commit(&t, fd, &o);
	record_text_free(&t);

	struct record *r = record_read(dir);
	CHECK(r != NULL);
	size_t n = 0;
	char *const *kept = record_reusable(r, key, fd, &n);
	CHECK(kept && n == 1 && strcmp(kept[0], "plans/x.html") == 0);
	CHECK(record_reusable(r, other, fd, &n) == NULL);
	const char *said = NULL;
	CHECK(record_unchanged(r, &in, dir, &said) && said && strcmp(said, "a warning\n") == 0);
	struct inputs changed = in;
	changed.digest[0] ^= 1;
	CHECK(!record_unchanged(r, &changed, dir, &said));
	record_free(r);

	/* a file written after the record: no longer vouched for */
	put("plans/x.html", "<p>y</p>", 8);
	r = record_read(dir);
	CHECK(r && record_reusable(r, key, fd, &n) == NULL);
	CHECK(!record_unchanged(r, &in, dir, &said));
	record_free(r);

	/* every cut, and noise, refused or read, never a crash */
	size_t len;
	char *good = get(RECORD_FILE, &len);
	size_t refused = 0;
	for (size_t cut = 0; cut < len; cut++) {
		put(RECORD_FILE, good, cut);
		r = record_read(dir);
		refused += r == NULL;
		record_free(r);
	}
	CHECK(refused == len);
	srand(1);
	for (int i = 0; i < 2000; i++) {
		char *bad = malloc(len + 1);
		memcpy(bad, good, len);
		for (int k = 0; k < 1 + i % 4; k++)
			bad[rand() % len] = (char)(i % 3 ? rand() % 256 : " \n0123456789"[rand() % 12]);
		put(RECORD_FILE, bad, len);
		record_free(record_read(dir));
		free(bad);
	}
	CHECK(1);
	free(good);
	output_free(&o);
	close(fd);

	/* inputs: the same files hash the same; a changed byte does not */
	char content[300], templates[300];
	snprintf(content, sizeof content, "%s/plans", dir);
	snprintf(templates, sizeof templates, "%s/none", dir);
	struct inputs a, b;
	inputs_read(&a, content, templates, "/nonexistent", false);
	inputs_read(&b, content, templates, "/nonexistent", false);
	CHECK(a.n == 1 && memcmp(a.digest, b.digest, sizeof a.digest) == 0);
	inputs_free(&b);
	put("plans/x.html", "<p>z</p>", 8);
	inputs_read(&b, content, templates, "/nonexistent", false);
	CHECK(memcmp(a.digest, b.digest, sizeof a.digest) != 0);
	inputs_read(&changed, content, templates, "/nonexistent", true);
	CHECK(memcmp(changed.digest, b.digest, sizeof b.digest) != 0);	/* --strict */
	inputs_free(&a);
	inputs_free(&b);
	inputs_free(&changed);

	/* the stat file: with out/ there, "now" is taken in it; a build's stat
	 * file lets the next read nothing, the same hashes taken. x.html was
	 * just written: first the clock's next tick (else it is racy, and read
	 * again) */
	wait_tick("plans/x.html");
	inputs_read(&a, content, templates, dir, false);
	CHECK(a.have_now && a.hashed == 2 && a.n == 1 && a.files[0].stamped);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	record_begin(&t, &a, "");
	struct output none = { 0 };
	record_commit(&t, fd, &none);
	record_text_free(&t);
	inputs_read(&b, content, templates, dir, false);
	CHECK(b.hashed == 0 && memcmp(a.digest, b.digest, sizeof a.digest) == 0);
	inputs_free(&b);
	/* a file changed keeping its size and times but its change time */
	put("plans/x.html", "<p>w</p>", 8);
	inputs_read(&b, content, templates, dir, false);
	CHECK(b.hashed == 1 && memcmp(a.digest, b.digest, sizeof a.digest) != 0);
	inputs_free(&b);
	inputs_free(&a);

	/* a stat file vouching for x.html with another hash, as its identity
	 * is now: taken while x.html changed before "now", not at its tick or
	 * on another file system, nor for another identity */
	char path[300];
	snprintf(path, sizeof path, "%s/plans/x.html", dir);
	struct stat xs;
	CHECK(stat(path, &xs) == 0);
	inputs_read(&a, content, templates, dir, false);	/* the true hash */
	struct {
		long long now_sec, now_nsec;
		unsigned long long now_dev, ino;
		long long ctime_nsec;
		bool taken;
	} cases[] = {
		{ xs.st_ctim.tv_sec, xs.st_ctim.tv_nsec + 1, xs.st_dev, xs.st_ino, xs.st_ctim.tv_nsec, true },
		{ xs.st_ctim.tv_sec + 1, 0, xs.st_dev, xs.st_ino, xs.st_ctim.tv_nsec, true },
		{ xs.st_ctim.tv_sec, xs.st_ctim.tv_nsec, xs.st_dev, xs.st_ino, xs.st_ctim.tv_nsec, false },
		{ xs.st_ctim.tv_sec - 1, 0, xs.st_dev, xs.st_ino, xs.st_ctim.tv_nsec, false },
		{ xs.st_ctim.tv_sec + 1, 0, xs.st_dev + 1, xs.st_ino, xs.st_ctim.tv_nsec, false },
		{ xs.st_ctim.tv_sec + 1, 0, xs.st_dev, xs.st_ino + 1, xs.st_ctim.tv_nsec, false },
		{ xs.st_ctim.tv_sec + 1, 0, xs.st_dev, xs.st_ino, (xs.st_ctim.tv_nsec + 1) % 1000000000,
		  false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char forged[1024];
		int flen = snprintf(forged, sizeof forged,
				   "planpress-stat 1\nnow %llu %lld %lld\n"
				   "file %llu %llu %llu %lld %ld %lld %lld %064d c/x.html\nend\n",
				   cases[i].now_dev, cases[i].now_sec, cases[i].now_nsec,
				   (unsigned long long)xs.st_dev, cases[i].ino,
				   (unsigned long long)xs.st_size, (long long)xs.st_mtim.tv_sec,
				   (long)xs.st_mtim.tv_nsec, (long long)xs.st_ctim.tv_sec,
				   cases[i].ctime_nsec, 0);
		put(RECORD_STAT_FILE, forged, (size_t)flen);
		inputs_read(&b, content, templates, dir, false);
		static const unsigned char zero[RECORD_KEY_SIZE];
		bool taken = memcmp(b.files[0].hash, zero, sizeof zero) == 0;
		if (taken != cases[i].taken)
			printf("stat case %zu: %s\n", i, taken ? "taken" : "not taken");
		CHECK(taken == cases[i].taken);
		CHECK(taken || memcmp(a.digest, b.digest, sizeof a.digest) == 0);
		inputs_free(&b);
	}
	/* every cut of it refused: the file read */
	char forged[1024];
	int flen = snprintf(forged, sizeof forged,
			   "planpress-stat 1\nnow %llu %lld 0\n"
			   "file %llu %llu %llu %lld %ld %lld %ld %064d c/x.html\nend\n",
			   (unsigned long long)xs.st_dev, (long long)xs.st_ctim.tv_sec + 1,
			   (unsigned long long)xs.st_dev, (unsigned long long)xs.st_ino,
			   (unsigned long long)xs.st_size, (long long)xs.st_mtim.tv_sec,
			   (long)xs.st_mtim.tv_nsec, (long long)xs.st_ctim.tv_sec,
			   (long)xs.st_ctim.tv_nsec, 0);
	size_t cuts_read = 0;
	for (int cut = 0; cut < flen; cut++) {
		put(RECORD_STAT_FILE, forged, (size_t)cut);
		inputs_read(&b, content, templates, dir, false);
		cuts_read += memcmp(a.digest, b.digest, sizeof a.digest) == 0;
		inputs_free(&b);
	}
	CHECK(cuts_read == (size_t)flen);
	inputs_free(&a);
	close(fd);

	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return unit_summary();
}
