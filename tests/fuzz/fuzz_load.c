/* fuzz_load.c - libFuzzer harness for load + validate: any bytes in, never a
 * crash, a hang, a leak or an out-of-bounds access out. Build and run with
 * `make fuzz FUZZ_SECONDS=60`; a crashing input is written to build/ and
 * belongs, once fixed, in tests/fuzz/seeds/ (replayed by `make check`). */
#include "derive.h"
#include "diag.h"
#include "load.h"
#include "schema.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena;
	struct diags diags = { 0 };
	arena_init(&arena);
	struct node *root = load_buffer((const char *)data, size, "fuzz.yaml", &arena, &arena,
					&diags);
	if (root) {
		struct document *doc = schema_check_document(root, "plans/fuzz.yaml", "fuzz.yaml",
							     NULL, &arena, &diags);
		/* a document with errors is derived too (overdue checks), so the
		 * half-read model it holds must never crash derive */
		if (doc)
			derive_document(doc, NULL, &arena, &diags);
	}
	diags_free(&diags);
	arena_free(&arena);
	return 0;
}
