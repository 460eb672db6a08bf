/* replay.c - runs a fuzz harness over files without libFuzzer, so that the
 * seeds and every crash found so far (tests/fuzz/seeds, tests/fuzz/markdown)
 * are replayed by `make check`, and under ASan/UBSan by `make check-sanitize`.
 * Prints "ok FILE" per input; a crash or sanitizer report fails the test. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 2;
		}
		size_t cap = 4096, n = 0;
		uint8_t *data = malloc(cap);
		size_t got;
		while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
			n += got;
			if (n == cap)
				data = realloc(data, cap *= 2);
		}
		fclose(f);
		if (!data)
			return 2;
		LLVMFuzzerTestOneInput(data, n);
		free(data);
		printf("ok %s\n", argv[i]);
	}
	return 0;
}
