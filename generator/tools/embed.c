/* embed.c - build tool: turns a file into a C array, so the phaen binary
 * carries the exact schema it was built with.
 * Usage: embed SYMBOL INPUT OUTPUT.c */
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: embed SYMBOL INPUT OUTPUT.c\n");
        return 2;
    }
    FILE *in = fopen(argv[2], "rb");
    if (!in) {
        perror(argv[2]);
        return 1;
    }
    FILE *out = fopen(argv[3], "w");
    if (!out) {
        perror(argv[3]);
        fclose(in);
        return 1;
    }
    fprintf(out, "/* generated from %s by embed; do not edit */\n"
                 "#include <stddef.h>\nconst char %s[] = {\n", argv[2], argv[1]);
    size_t n = 0;
    int c;
    while ((c = fgetc(in)) != EOF)
        /* as a char, whatever its signedness: a schema's comments may
         * hold UTF-8 (results-1.xsd's Thai example) */
        fprintf(out, "(char)%d,%s", c, ++n % 20 ? "" : "\n");
    fprintf(out, "0};\nconst size_t %s_len = %zu;\n", argv[1], n);
    fclose(in);
    return fclose(out) == 0 ? 0 : 1;
}
