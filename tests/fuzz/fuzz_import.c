/* fuzz_import.c - libFuzzer harness for `planpress import`: any bytes read as
 * a workbook, a Word document and a CSV file (libzip, libxml2 and the readers
 * of gen/import), then made into a plan. Never a crash, an out-of-bounds
 * access or a leak; every problem an error, said to no one here. */
#include "import.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "fuzz.xlsx", "fuzz.docx", "fuzz.csv" };
	for (size_t i = 0; i < 3; i++) {
		struct import_options o = { .file = names[i], .quiet = true, .silent = true,
					    .data = (const char *)data, .data_len = size };
		struct strbuf out = { 0 };
		import_to_yaml(&o, &out);
		strbuf_free(&out);
	}
	return 0;
}
