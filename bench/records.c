/*
 * records.c: structure and pointer work in the spirit of Dhrystone: records copied by value,
 * linked lists built and walked, a binary search tree in an arena with insertions, lookups
 * and an in-order walk, and calls through a table of function pointers. Loads and stores at
 * small offsets, struct copies (LDM/STM), and calls and returns.
 */
#include <string.h>

#include "bench.h"

enum Kind { KIND_A, KIND_B, KIND_C, KIND_D };

struct Record {
    struct Record *next;
    enum Kind kind;
    int32_t value;
    uint32_t flags;
    char name[20];
};

struct Node {
    uint32_t key, count;
    struct Node *left, *right;
};

#define POOL 4096
#define TREE 16384

static struct Record pool[POOL];
static struct Node arena[TREE];
static uint32_t arena_used;

static int32_t op_add(int32_t a, int32_t b) { return a + b; }
static int32_t op_xor(int32_t a, int32_t b) { return a ^ b; }
static int32_t op_mix(int32_t a, int32_t b) { return a * 3 - b; }
static int32_t op_max(int32_t a, int32_t b) { return a > b ? a : b; }

static int32_t (*const ops[4])(int32_t, int32_t) = {op_add, op_xor, op_mix, op_max};

static struct Node *tree_insert(struct Node *root, uint32_t key)
{
    struct Node **link = &root;
    while (*link) {
        if (key == (*link)->key) {
            (*link)->count++;
            return root;
        }
        link = key < (*link)->key ? &(*link)->left : &(*link)->right;
    }
    struct Node *n = &arena[arena_used++];
    n->key = key;
    n->count = 1;
    n->left = n->right = NULL;
    *link = n;
    return root;
}

static const struct Node *tree_find(const struct Node *n, uint32_t key)
{
    while (n && n->key != key)
        n = key < n->key ? n->left : n->right;
    return n;
}

/* In-order walk: keys must come out increasing; returns a hash of the sequence. */
static uint32_t tree_walk(const struct Node *n, uint32_t *last, int *ordered, uint32_t h)
{
    if (!n)
        return h;
    h = tree_walk(n->left, last, ordered, h);
    if (n->key < *last)
        *ordered = 0;
    *last = n->key;
    h = (h ^ n->key ^ n->count) * 16777619u;
    return tree_walk(n->right, last, ordered, h);
}

static uint32_t list_round(uint32_t *seed)
{
    struct Record *head = NULL;
    for (int i = 0; i < POOL; i++) {
        struct Record r;
        r.next = head;
        r.kind = (enum Kind)(bench_rand(seed) & 3);
        r.value = (int32_t)(bench_rand(seed) % 100000);
        r.flags = (uint32_t)i;
        memcpy(r.name, "RECORD-000000000000", 20);
        r.name[7 + i % 12] = (char)('A' + i % 26);
        pool[i] = r; /* struct copy */
        head = &pool[i];
    }
    int32_t acc = 0;
    uint32_t names = 0;
    for (int pass = 0; pass < 4; pass++) {
        for (struct Record *r = head; r; r = r->next) {
            acc = ops[r->kind](acc, r->value);
            if (r->kind == KIND_C && r->next)
                r->value = r->next->value + pass;
            if (memcmp(r->name, "RECORD-A", 8) == 0)
                names++;
        }
    }
    return (uint32_t)acc ^ names;
}

int main(int argc, char **argv)
{
    uint32_t scale = bench_scale(argc, argv, 600);
    uint32_t seed = 7, checksum = 0;
    for (uint32_t round = 0; round < scale; round++) {
        checksum = checksum * 31 + list_round(&seed);

        arena_used = 0;
        struct Node *root = NULL;
        uint32_t inserted[1024];
        for (int i = 0; i < TREE - 1; i++) {
            uint32_t key = bench_rand(&seed) % 20000;
            if (i < 1024)
                inserted[i] = key;
            root = tree_insert(root, key);
        }
        for (int i = 0; i < 1024; i++)
            if (!tree_find(root, inserted[i]))
                return bench_fail("records", "inserted key not found");
        if (tree_find(root, 20001))
            return bench_fail("records", "absent key found");
        uint32_t last = 0;
        int ordered = 1;
        uint32_t h = tree_walk(root, &last, &ordered, 2166136261u);
        if (!ordered)
            return bench_fail("records", "in-order walk out of order");
        checksum = checksum * 31 + (h ^ arena_used);
    }
    return bench_report("records", scale, checksum);
}
