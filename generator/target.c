/* target.c - which target of an indicator applies in a fiscal year; see
 * target.h. */
#include "target.h"

#include <stddef.h>
#include <string.h>

const Target *target_for_year(const Plan *p, const Indicator *in, int year,
                              const Phase **phase)
{
    if (phase)
        *phase = NULL;
    /* The last yearly target of a year wins nowhere: check.c refuses a
     * second one, so the first is the only one in a checked plan. */
    for (size_t i = 0; i < in->n_yearly; i++)
        if (in->yearly[i].year == year)
            return &in->yearly[i];
    for (size_t i = 0; i < p->n_phases; i++) {
        const Phase *ph = &p->phases[i];
        if (year < ph->from || year > ph->to)
            continue;
        const Target *t = in->by_phase ? in->by_phase[i] : NULL;
        if (!t)
            continue;
        if (phase)
            *phase = ph;
        return t;
    }
    return NULL;
}

/* The value of the digit (ASCII or Thai) at s, advancing *len; -1 when s
 * is not at a digit. */
static int digit_at(const unsigned char *s, size_t *len)
{
    if (s[0] >= '0' && s[0] <= '9') {
        *len = 1;
        return s[0] - '0';
    }
    /* U+0E50..U+0E59: E0 B9 90..99 */
    if (s[0] == 0xE0 && s[1] == 0xB9 && s[2] >= 0x90 && s[2] <= 0x99) {
        *len = 3;
        return s[2] - 0x90;
    }
    return -1;
}

int target_number(const char *str, double *out)
{
    if (!str)
        return 0;
    const unsigned char *s = (const unsigned char *)str;
    size_t len;
    for (size_t i = 0; s[i]; i++) {
        if (digit_at(s + i, &len) < 0)
            continue;
        /* a minus sign right before the first digit */
        int neg = i > 0 && s[i - 1] == '-';
        double v = 0, scale = 0;
        int d;
        size_t j = i;
        for (;;) {
            if ((d = digit_at(s + j, &len)) >= 0) {
                if (scale > 0) {
                    v += d * scale;
                    scale /= 10;
                } else {
                    v = v * 10 + d;
                }
                j += len;
            } else if (s[j] == ',' && scale == 0 && digit_at(s + j + 1, &len) >= 0) {
                j++;
            } else if (s[j] == '.' && scale == 0 && digit_at(s + j + 1, &len) >= 0) {
                scale = 0.1;
                j++;
            } else {
                break;
            }
        }
        *out = neg ? -v : v;
        return 1;
    }
    return 0;
}
