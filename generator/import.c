#include "export.h"
int import_tables(const char *plan_path, const char *const *tables, size_t n_tables,
                  const char *out, size_t max_size, Diag *d, FILE *msg)
{
    return 2;
}
