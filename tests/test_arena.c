/* test_arena.c - the arena (arena.h): zeroed, aligned objects, copies and
 * printf; and its debug mode, which `make asan` builds with
 * (-DPHAEN_ARENA_DEBUG): every object in a block of its own, so that
 * AddressSanitizer reports a write past an arena array as it does one past
 * a malloc'd block.  In the bump allocator such a write lands silently in
 * the next object (it hid the phase-array overflow in compose.c). */
#include "testutil.h"

#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"

static void test_objects_zeroed_aligned_and_copied(void **state)
{
    (void)state;
    Arena *a = arena_new();
    for (size_t n = 0; n < 100000; n += 997) {
        unsigned char *p = arena_alloc(a, n);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xff, n); /* the next object must not see this */
    }
    assert_string_equal(arena_strdup(a, "แผน"), "แผน");
    assert_null(arena_strdup(a, NULL));
    assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
    assert_string_equal(arena_printf(a, "%s-%d", "PJ", 12), "PJ-12");
    int *v = arena_calloc(a, 1000, sizeof *v);
    for (size_t i = 0; i < 1000; i++)
        assert_int_equal(v[i], 0);
    arena_free(a);
    arena_free(NULL);
}

/* Two small objects in a row: next to each other in the bump allocator,
 * apart in debug mode (each its own block). */
static void test_debug_mode_gives_each_object_its_block(void **state)
{
    (void)state;
    Arena *a = arena_new();
    char *p = arena_alloc(a, 16), *q = arena_alloc(a, 16);
#ifdef PHAEN_ARENA_DEBUG
    assert_true(q != p + 16);
#else
    assert_ptr_equal(q, p + 16);
#endif
    arena_free(a);
}

/* make asan builds with the debug arena; there, a write one byte past an
 * arena array is an AddressSanitizer report (in a child process: the report
 * ends it). */
static void test_asan_sees_an_overflow_in_the_arena(void **state)
{
    (void)state;
#if !UNDER_ASAN
    skip();
#else
#ifndef PHAEN_ARENA_DEBUG
    fail_msg("an ASan build without -DPHAEN_ARENA_DEBUG: `make asan` must define it");
#endif
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        Arena *a = arena_new();
        volatile char *phases = arena_alloc(a, 3);
        (void)arena_alloc(a, 64); /* the object a bump allocator puts next */
        phases[3] = 1;
        _exit(0); /* not reached when ASan sees the write */
    }
    close(fds[1]);
    char buf[8192];
    size_t len = 0;
    ssize_t n;
    while (len < sizeof buf - 1 && (n = read(fds[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)n;
    buf[len] = '\0';
    close(fds[0]);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_false(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    assert_contains(buf, "heap-buffer-overflow");
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_objects_zeroed_aligned_and_copied),
        cmocka_unit_test(test_debug_mode_gives_each_object_its_block),
        cmocka_unit_test(test_asan_sees_an_overflow_in_the_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
