/* Native skeleton keys: the rules of skeleton.py (RULES, _ARTICLE, _SOLID_ARTICLE) for strings of
 * [a-z0-9 ] as ``letters`` gives them. skeleton.py stays the reference and the documentation of each
 * rule; tests/test_skeleton_native.py checks that both give the same keys.
 *
 * Each rule is one left-to-right pass over the source with non-overlapping matches, as ``re.sub``
 * and ``str.replace`` make them; look-arounds test the source of the pass, not its output. A rule
 * with a test (the ``_TRIGGERS`` of skeleton.py) runs only when the test holds for the whole word.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef Py_ssize_t (*match_fn)(const char *s, Py_ssize_t n, Py_ssize_t i);
typedef int (*trigger_fn)(const char *s, Py_ssize_t n);

enum kind { PLAIN, REGEX, DOUBLED, WHOLE };

typedef struct {
    enum kind kind;
    const char *pat;  /* PLAIN: the substring; WHOLE: unused */
    const char *rep;
    match_fn match;   /* REGEX: length of the match at i, 0 for none */
    trigger_fn trigger;
    const char *needs; /* letters without which the rule cannot match (a quick test before the scan) */
    Py_ssize_t pat_len, rep_len;
    unsigned needs_mask;
} rule;

static inline int lower(char c) { return c >= 'a' && c <= 'z'; }
static inline int wordc(char c) { return lower(c) || (c >= '0' && c <= '9'); }
static inline int vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* The helpers below compare short literals inline: a call to memcmp costs more than the compare. */
static inline Py_ssize_t len_of(const char *p) {
    Py_ssize_t k = 0;
    while (p[k]) k++;
    return k;
}
static inline int same(const char *s, const char *p, Py_ssize_t k) {
    for (Py_ssize_t i = 0; i < k; i++)
        if (s[i] != p[i]) return 0;
    return 1;
}
static inline int starts(const char *s, Py_ssize_t n, const char *p) {
    Py_ssize_t k = len_of(p);
    return n >= k && same(s, p, k);
}
static inline int ends(const char *s, Py_ssize_t n, const char *p) {
    Py_ssize_t k = len_of(p);
    return n >= k && same(s + n - k, p, k);
}
static inline int contains(const char *s, Py_ssize_t n, const char *p) {
    Py_ssize_t k = len_of(p);
    for (Py_ssize_t i = 0; i + k <= n; i++)
        if (s[i] == p[0] && same(s + i, p, k)) return 1;
    return 0;
}
static inline int at(const char *s, Py_ssize_t n, Py_ssize_t i, const char *p) {
    Py_ssize_t k = len_of(p);
    return i >= 0 && i + k <= n && same(s + i, p, k);
}

static int t_abd(const char *s, Py_ssize_t n) { return starts(s, n, "abd"); }
static int t_ah(const char *s, Py_ssize_t n) { return ends(s, n, "ah"); }
static int t_eh(const char *s, Py_ssize_t n) { return ends(s, n, "eh"); }
static int t_x(const char *s, Py_ssize_t n) { return starts(s, n, "x"); }
static int t_ye_start(const char *s, Py_ssize_t n) { return starts(s, n, "ye"); }
static int t_ye(const char *s, Py_ssize_t n) { return contains(s, n, "ye"); }
static int t_j(const char *s, Py_ssize_t n) { return contains(s, n, "j"); }
static int t_ai(const char *s, Py_ssize_t n) { return contains(s, n, "ai"); }

/* abd(?<![a-z]abd)(?:al|el|ul|oul)(?=[a-z]{3}|\b) */
static Py_ssize_t m_abd(const char *s, Py_ssize_t n, Py_ssize_t i) {
    if (!at(s, n, i, "abd") || (i > 0 && lower(s[i - 1]))) return 0;
    Py_ssize_t j = i + 3, k;
    if (at(s, n, j, "al") || at(s, n, j, "el") || at(s, n, j, "ul")) k = j + 2;
    else if (at(s, n, j, "oul")) k = j + 3;
    else return 0;
    if (k + 3 <= n && lower(s[k]) && lower(s[k + 1]) && lower(s[k + 2])) return k - i;
    if (k == n || !wordc(s[k])) return k - i; /* \b after a letter */
    return 0;
}
/* ah\b(?<=[a-z]ah) and eh\b(?<=[a-z]eh) */
static Py_ssize_t m_xh_end(const char *s, Py_ssize_t n, Py_ssize_t i, char x) {
    if (i < 1 || i + 2 > n || s[i] != x || s[i + 1] != 'h' || !lower(s[i - 1])) return 0;
    return (i + 2 == n || !wordc(s[i + 2])) ? 2 : 0;
}
static Py_ssize_t m_ah(const char *s, Py_ssize_t n, Py_ssize_t i) { return m_xh_end(s, n, i, 'a'); }
static Py_ssize_t m_eh(const char *s, Py_ssize_t n, Py_ssize_t i) { return m_xh_end(s, n, i, 'e'); }
/* x(?<![a-z]x)(?=[b-df-hj-np-tv-z]) */
static Py_ssize_t m_x(const char *s, Py_ssize_t n, Py_ssize_t i) {
    if (s[i] != 'x' || (i > 0 && lower(s[i - 1]))) return 0;
    return (i + 1 < n && lower(s[i + 1]) && !vowel(s[i + 1])) ? 1 : 0;
}
/* ye(?<![a-z]ye) */
static Py_ssize_t m_ye_start(const char *s, Py_ssize_t n, Py_ssize_t i) {
    return (at(s, n, i, "ye") && (i == 0 || !lower(s[i - 1]))) ? 2 : 0;
}
/* ye(?<=[aeiou]ye) */
static Py_ssize_t m_ye_vowel(const char *s, Py_ssize_t n, Py_ssize_t i) {
    return (i > 0 && at(s, n, i, "ye") && vowel(s[i - 1])) ? 2 : 0;
}
/* j(?=[aeiou]) */
static Py_ssize_t m_j_vowel(const char *s, Py_ssize_t n, Py_ssize_t i) {
    return (s[i] == 'j' && i + 1 < n && vowel(s[i + 1])) ? 1 : 0;
}
/* j(?<=[aeiouy]j) */
static Py_ssize_t m_vowel_j(const char *s, Py_ssize_t n, Py_ssize_t i) {
    (void)n;
    return (s[i] == 'j' && i > 0 && (vowel(s[i - 1]) || s[i - 1] == 'y')) ? 1 : 0;
}
/* ai(?![aeiou]) */
static Py_ssize_t m_ai(const char *s, Py_ssize_t n, Py_ssize_t i) {
    return (at(s, n, i, "ai") && !(i + 2 < n && vowel(s[i + 2]))) ? 2 : 0;
}

/* In the order of skeleton.RULES. */
static rule RULES[] = {
    {REGEX, NULL, "abd ", m_abd, t_abd, "abd"},
    {WHOLE, NULL, "bin", NULL, NULL, "bn"},
    {REGEX, NULL, "a", m_ah, t_ah, "ah"},
    {REGEX, NULL, "a", m_eh, t_eh, "eh"},
    {REGEX, NULL, "h", m_x, t_x, "x"},
    {PLAIN, "jj", "j", NULL, NULL, "jj"},
    {PLAIN, "x", "ks", NULL, NULL, "x"},
    {PLAIN, "tsch", "ch", NULL, NULL, "tsch"},
    {PLAIN, "tch", "ch", NULL, NULL, "tch"},
    {PLAIN, "shch", "sh", NULL, NULL, "shch"},
    {PLAIN, "shh", "sh", NULL, NULL, "shh"},
    {PLAIN, "sch", "sh", NULL, NULL, "sch"},
    {PLAIN, "kh", "h", NULL, NULL, "kh"},
    {PLAIN, "dzh", "j", NULL, NULL, "dzh"},
    {PLAIN, "zh", "z", NULL, NULL, "zh"},
    {PLAIN, "dj", "j", NULL, NULL, "dj"},
    {PLAIN, "dh", "d", NULL, NULL, "dh"},
    {PLAIN, "gh", "g", NULL, NULL, "gh"},
    {PLAIN, "ph", "f", NULL, NULL, "ph"},
    {PLAIN, "ck", "k", NULL, NULL, "ck"},
    {PLAIN, "q", "k", NULL, NULL, "q"},
    {PLAIN, "g", "k", NULL, NULL, "g"},
    {PLAIN, "ts", "c", NULL, NULL, "ts"},
    {PLAIN, "tz", "c", NULL, NULL, "tz"},
    {PLAIN, "cz", "c", NULL, NULL, "cz"},
    {PLAIN, "w", "v", NULL, NULL, "w"},
    {REGEX, NULL, "e", m_ye_start, t_ye_start, "ye"},
    {REGEX, NULL, "e", m_ye_vowel, t_ye, "ye"},
    {PLAIN, "ou", "u", NULL, NULL, "ou"},
    {PLAIN, "oo", "u", NULL, NULL, "oo"},
    {PLAIN, "ee", "i", NULL, NULL, "ee"},
    {REGEX, NULL, "i", m_j_vowel, t_j, "j"},
    {REGEX, NULL, "i", m_vowel_j, t_j, "j"},
    {PLAIN, "y", "i", NULL, NULL, "y"},
    {REGEX, NULL, "ei", m_ai, t_ai, "ai"},
    {DOUBLED, NULL, NULL, NULL, NULL, ""},
};
#define N_RULES ((Py_ssize_t)(sizeof RULES / sizeof RULES[0]))

static inline unsigned mask_of(const char *s, Py_ssize_t n) {
    unsigned m = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (lower(s[i])) m |= 1u << (s[i] - 'a');
    return m;
}

/* Length of the match of rule r at i of src, 0 for none. */
static inline Py_ssize_t match_at(const rule *r, const char *src, Py_ssize_t n, Py_ssize_t i) {
    if (r->kind == PLAIN)
        return (src[i] == r->pat[0] && i + r->pat_len <= n && same(src + i, r->pat, r->pat_len)) ? r->pat_len : 0;
    return r->match(src, n, i);
}

/* Rule r from src (n chars) into dst (room for 2n + 2): the length written, or -1 when the rule
 * changes nothing (dst is then untouched). */
static Py_ssize_t apply_rule(const rule *r, const char *src, Py_ssize_t n, char *dst) {
    Py_ssize_t i = 0, o = 0;
    switch (r->kind) {
    case WHOLE: /* \b(?:ibn|bin|ben|bn)\b, tested by the word being one of ibn, ben, bn */
        if ((n == 3 && (memcmp(src, "ibn", 3) == 0 || memcmp(src, "ben", 3) == 0)) || (n == 2 && memcmp(src, "bn", 2) == 0)) {
            memcpy(dst, "bin", 3);
            return 3;
        }
        return -1;
    case DOUBLED: { /* ([a-z])\1+ -> \1 */
        while (i + 1 < n && !(lower(src[i]) && src[i + 1] == src[i])) i++;
        if (i + 1 >= n) return -1;
        memcpy(dst, src, (size_t)i);
        o = i;
        while (i < n) {
            char c = src[i];
            dst[o++] = c;
            i++;
            if (lower(c))
                while (i < n && src[i] == c) i++;
        }
        return o;
    }
    case REGEX:
        if (!r->trigger(src, n)) return -1;
        /* fall through */
    case PLAIN: {
        Py_ssize_t k = 0;
        while (i < n && (k = match_at(r, src, n, i)) == 0) i++;
        if (i >= n) return -1;
        memcpy(dst, src, (size_t)i);
        o = i;
        while (i < n) {
            if (k > 0) {
                memcpy(dst + o, r->rep, (size_t)r->rep_len);
                o += r->rep_len;
                i += k;
            } else {
                dst[o++] = src[i++];
            }
            if (i < n) k = match_at(r, src, n, i);
        }
        return o;
    }
    }
    return -1;
}

/* The rules applied in order to one word; the result goes to out (room for 2n + 8), its length is
 * returned. a and b are scratch buffers of the same size. */
static Py_ssize_t word_rules(const char *w, Py_ssize_t n, char *out, char *a, char *b) {
    memcpy(a, w, (size_t)n);
    char *src = a, *dst = b;
    unsigned mask = mask_of(src, n);
    for (Py_ssize_t r = 0; r < N_RULES; r++) {
        const rule *ru = &RULES[r];
        if ((ru->needs_mask & mask) != ru->needs_mask) continue;
        Py_ssize_t k = apply_rule(ru, src, n, dst);
        if (k < 0) continue;
        n = k;
        char *t = src;
        src = dst;
        dst = t;
        mask = mask_of(src, n);
    }
    memcpy(out, src, (size_t)n);
    return n;
}

/* Names share words (given names, places, al-...): the rules' result for a word is remembered in a
 * small direct-mapped table, the memory of skeleton._word_skeleton. Used with the GIL held. */
#define MEMO_SLOTS 8192
#define MEMO_WORD 24
#define MEMO_OUT 48
typedef struct {
    uint8_t len, out_len; /* len 0: empty slot */
    char word[MEMO_WORD], out[MEMO_OUT];
} memo_slot;
static memo_slot *memo = NULL;

static inline uint32_t memo_place(const char *w, Py_ssize_t n) {
    uint32_t h = 2166136261u;
    for (Py_ssize_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return (h ^ (h >> 15)) & (MEMO_SLOTS - 1);
}

static Py_ssize_t word_rules_memo(const char *w, Py_ssize_t n, char *out, char *a, char *b) {
    if (memo == NULL || n == 0 || n > MEMO_WORD) return word_rules(w, n, out, a, b);
    memo_slot *m = &memo[memo_place(w, n)];
    if (m->len == n && same(m->word, w, n)) {
        memcpy(out, m->out, m->out_len);
        return m->out_len;
    }
    Py_ssize_t k = word_rules(w, n, out, a, b);
    if (k <= MEMO_OUT) {
        m->len = (uint8_t)n;
        m->out_len = (uint8_t)k;
        memcpy(m->word, w, (size_t)n);
        memcpy(m->out, out, (size_t)k);
    }
    return k;
}

/* _words_skeleton: each space-separated word through the rules, then whitespace normalised. */
static Py_ssize_t words_skeleton(const char *s, Py_ssize_t n, char *out, char *a, char *b, char *w) {
    Py_ssize_t o = 0, i = 0;
    while (i <= n) {
        Py_ssize_t j = i;
        while (j < n && s[j] != ' ') j++;
        Py_ssize_t k = word_rules_memo(s + i, j - i, w, a, b);
        for (Py_ssize_t x = 0; x < k; x++) {
            if (w[x] == ' ') {
                if (o > 0 && out[o - 1] != ' ') out[o++] = ' ';
            } else {
                out[o++] = w[x];
            }
        }
        if (o > 0 && out[o - 1] != ' ') out[o++] = ' ';
        i = j + 1;
    }
    while (o > 0 && out[o - 1] == ' ') o--;
    return o;
}

static const char *ARTICLES[] = {"al", "el", "il", "ul", "ad", "ed", "ud", "an", "en", "un", "ar", "er", "ur", "as", "es", "us",
                                 "ash", "esh", "ush", "at", "et", "ut", "ath", "az", "ez", "uz", "adh", "ag", "eg"};

/* _ARTICLE.sub("", s): an article word followed by a space and a letter is removed. */
static Py_ssize_t strip_articles(const char *s, Py_ssize_t n, char *out) {
    Py_ssize_t i = 0, o = 0;
    while (i < n) {
        if (i == 0 || s[i - 1] == ' ') {
            Py_ssize_t len = 0;
            while (i + len < n && s[i + len] != ' ') len++;
            if ((len == 2 || len == 3) && i + len + 1 < n && lower(s[i + len + 1])) {
                int article = 0;
                for (size_t a = 0; a < sizeof ARTICLES / sizeof ARTICLES[0] && !article; a++)
                    article = ARTICLES[a][0] == s[i] && len_of(ARTICLES[a]) == len && same(s + i, ARTICLES[a], len);
                if (article) {
                    i += len + 1;
                    continue;
                }
            }
        }
        out[o++] = s[i++];
    }
    return o;
}

static const char *SOLID[] = {"t", "th", "d", "dh", "r", "z", "s", "sh", "n"};

/* _SOLID_ARTICLE.sub(r"\1", s): (?<= )[aeu](t|th|d|dh|r|z|s|sh|n)\1(?=[a-z]{2}) */
static Py_ssize_t solid_articles(const char *s, Py_ssize_t n, char *out) {
    Py_ssize_t i = 0, o = 0;
    while (i < n) {
        if (i > 0 && s[i - 1] == ' ' && (s[i] == 'a' || s[i] == 'e' || s[i] == 'u')) {
            Py_ssize_t glen = 0;
            for (size_t g = 0; g < sizeof SOLID / sizeof SOLID[0]; g++) {
                Py_ssize_t len = len_of(SOLID[g]), end = i + 1 + 2 * len;
                if (end + 2 <= n && same(s + i + 1, SOLID[g], len) && same(s + i + 1 + len, SOLID[g], len) &&
                    lower(s[end]) && lower(s[end + 1])) {
                    glen = len;
                    break;
                }
            }
            if (glen) {
                memcpy(out + o, s + i + 1, (size_t)glen);
                o += glen;
                i += 1 + 2 * glen;
                continue;
            }
        }
        out[o++] = s[i++];
    }
    return o;
}

/* Room for any intermediate form of a string of n chars (x -> ks at most doubles it). */
#define ROOM(n) (2 * (n) + 16)
#define SMALL 256 /* strings up to this long are worked on in a buffer on the stack */
#define PROBES 256 /* block lookups made together */

static int valid(const char *s, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++)
        if (!(wordc(s[i]) || s[i] == ' ')) return 0;
    return 1;
}

/* skeleton._python_keys of s, a string of [a-z0-9 ] with words separated by single spaces. */
static PyObject *keys_of(const char *s, Py_ssize_t n) {
    if (n == 0) return PyTuple_New(0);
    char stack[7 * ROOM(SMALL)];
    char *mem = n <= SMALL ? stack : PyMem_Malloc((size_t)(7 * ROOM(n)));
    if (mem == NULL) return PyErr_NoMemory();
    char *base = mem, *k0 = mem + ROOM(n), *k1 = mem + 2 * ROOM(n), *solid = mem + 3 * ROOM(n);
    char *a = mem + 4 * ROOM(n), *b = mem + 5 * ROOM(n), *w = mem + 6 * ROOM(n);
    int spaced = memchr(s, ' ', (size_t)n) != NULL;
    Py_ssize_t bn = n;
    if (spaced) {
        bn = strip_articles(s, n, base);
        if (bn == 0) { /* "stripped or base" */
            memcpy(base, s, (size_t)n);
            bn = n;
        }
    } else {
        memcpy(base, s, (size_t)n);
    }
    Py_ssize_t n0 = words_skeleton(base, bn, k0, a, b, w), n1 = -1;
    if (spaced) {
        Py_ssize_t sn = solid_articles(base, bn, solid);
        if (sn != bn || memcmp(solid, base, (size_t)bn) != 0) {
            n1 = words_skeleton(solid, sn, k1, a, b, w);
            if (n1 == n0 && memcmp(k0, k1, (size_t)n0) == 0) n1 = -1;
        }
    }
    PyObject *out = PyTuple_New((n0 > 0) + (n1 > 0));
    Py_ssize_t at = 0;
    if (out != NULL && n0 > 0) {
        PyObject *k = PyUnicode_DecodeASCII(k0, n0, NULL);
        if (k == NULL) Py_CLEAR(out);
        else PyTuple_SET_ITEM(out, at++, k);
    }
    if (out != NULL && n1 > 0) {
        PyObject *k = PyUnicode_DecodeASCII(k1, n1, NULL);
        if (k == NULL) Py_CLEAR(out);
        else PyTuple_SET_ITEM(out, at++, k);
    }
    if (mem != stack) PyMem_Free(mem);
    return out;
}

/* The characters of a str argument, or NULL with a TypeError naming fn. */
static const char *str_arg(PyObject *arg, Py_ssize_t *n, const char *fn) {
    const char *s = PyUnicode_Check(arg) ? PyUnicode_AsUTF8AndSize(arg, n) : NULL;
    if (s == NULL && !PyErr_Occurred()) PyErr_Format(PyExc_TypeError, "%s() takes a str", fn);
    return s;
}

static PyObject *keys(PyObject *self, PyObject *arg) {
    (void)self;
    Py_ssize_t n;
    const char *s = str_arg(arg, &n, "keys");
    if (s == NULL) return NULL;
    if (!valid(s, n)) Py_RETURN_NONE;
    return keys_of(s, n);
}

/* skeleton.letters of an ASCII name: lower case; letters and digits kept; whitespace and - _ . /
 * separate words; every other character dropped; words joined by single spaces. */
static Py_ssize_t ascii_letters(const char *s, Py_ssize_t n, char *out) {
    Py_ssize_t o = 0;
    int gap = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (wordc(c)) {
            if (gap && o > 0) out[o++] = ' ';
            gap = 0;
            out[o++] = c;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '-' || c == '_' || c == '.' || c == '/') {
            gap = 1;
        }
    }
    return o;
}

/* skeleton.letters, given by read_with(): reads the names that are not ASCII. */
static PyObject *letters_fn = NULL;

static PyObject *read_with(PyObject *self, PyObject *fn) {
    (void)self;
    if (!PyCallable_Check(fn)) {
        PyErr_SetString(PyExc_TypeError, "read_with() takes a callable");
        return NULL;
    }
    Py_INCREF(fn);
    Py_XSETREF(letters_fn, fn);
    Py_RETURN_NONE;
}

/* name_keys(name): the keys of any name. An ASCII name is read here; any other by the letters
 * function given to read_with() (None without one). */
static PyObject *name_keys(PyObject *self, PyObject *arg) {
    (void)self;
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "name_keys() takes a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(arg)) {
        if (letters_fn == NULL) Py_RETURN_NONE;
        PyObject *base = PyObject_CallOneArg(letters_fn, arg);
        if (base == NULL) return NULL;
        PyObject *out = keys(NULL, base);
        Py_DECREF(base);
        if (out == Py_None) {
            Py_DECREF(out);
            PyErr_SetString(PyExc_ValueError, "letters() gave a character other than a-z, 0-9 and space");
            return NULL;
        }
        return out;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    const char *s = (const char *)PyUnicode_DATA(arg);
    char stack[SMALL + 1];
    char *buf = n <= SMALL ? stack : PyMem_Malloc((size_t)n + 1);
    if (buf == NULL) return PyErr_NoMemory();
    buf[0] = 0;
    PyObject *out = keys_of(buf, ascii_letters(s, n, buf));
    if (buf != stack) PyMem_Free(buf);
    return out;
}

static PyObject *apply_rules(PyObject *self, PyObject *arg) {
    (void)self;
    Py_ssize_t n;
    const char *s = str_arg(arg, &n, "apply_rules");
    if (s == NULL) return NULL;
    if (!valid(s, n)) Py_RETURN_NONE;
    char *mem = PyMem_Malloc((size_t)(3 * ROOM(n)));
    if (mem == NULL) return PyErr_NoMemory();
    Py_ssize_t k = word_rules(s, n, mem, mem + ROOM(n), mem + 2 * ROOM(n));
    PyObject *out = PyUnicode_FromStringAndSize(mem, k);
    PyMem_Free(mem);
    return out;
}


/* ---------------------------------------------------------------------------------------------
 * Candidate blocks of the fuzzy index (FuzzyIndex._word_block and _candidate_keys in C).
 *
 * A multimap from strings to word ids, built once: every (string, word id) pair is put in one
 * array, sorted by string, and the distinct strings go into an open-addressing table that points
 * at their run of word ids.
 */
typedef struct {
    uint64_t hash;
    uint32_t off, len; /* the string, in the arena */
    uint32_t wid;
} pair;

typedef struct {
    uint64_t hash;
    uint32_t off, len;
    uint32_t start, count; /* word ids wids[start : start + count] */
} slot;

typedef struct {
    char *arena;
    size_t arena_len, arena_cap;
    pair *pairs;
    size_t n_pairs, cap_pairs;
    slot *slots; /* distinct strings */
    size_t n_slots;
    uint64_t *table; /* upper half of the hash << 32 | slot index + 1; 0 for empty */
    size_t table_mask;
    uint32_t *wids;
} multimap;

static uint64_t fnv(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    /* FNV leaves the low bits, which pick the table place, poorly mixed: a 64-bit finaliser mixes them. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static void mm_free(multimap *m) {
    PyMem_RawFree(m->arena);
    PyMem_RawFree(m->pairs);
    PyMem_RawFree(m->slots);
    PyMem_RawFree(m->table);
    PyMem_RawFree(m->wids);
    memset(m, 0, sizeof *m);
}

static int mm_put(multimap *m, const char *s, size_t n, uint32_t wid) {
    if (m->arena_len + n > m->arena_cap) {
        size_t cap = m->arena_cap ? 2 * m->arena_cap : 1 << 16;
        while (cap < m->arena_len + n) cap *= 2;
        char *a = PyMem_RawRealloc(m->arena, cap);
        if (a == NULL) return -1;
        m->arena = a;
        m->arena_cap = cap;
    }
    if (m->n_pairs == m->cap_pairs) {
        size_t cap = m->cap_pairs ? 2 * m->cap_pairs : 1 << 12;
        pair *p = PyMem_RawRealloc(m->pairs, cap * sizeof *p);
        if (p == NULL) return -1;
        m->pairs = p;
        m->cap_pairs = cap;
    }
    memcpy(m->arena + m->arena_len, s, n);
    m->pairs[m->n_pairs++] = (pair){fnv(s, n), (uint32_t)m->arena_len, (uint32_t)n, wid};
    m->arena_len += n;
    return 0;
}

static const char *sort_arena;

static int pair_cmp(const void *x, const void *y) {
    const pair *a = x, *b = y;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    int c = memcmp(sort_arena + a->off, sort_arena + b->off, a->len);
    if (c) return c;
    return a->wid < b->wid ? -1 : a->wid > b->wid;
}

/* Sort the pairs and build the table; the pairs are freed. */
static int mm_finish(multimap *m) {
    sort_arena = m->arena; /* called with the GIL held: one build at a time */
    qsort(m->pairs, m->n_pairs, sizeof *m->pairs, pair_cmp);
    m->slots = PyMem_RawMalloc((m->n_pairs + 1) * sizeof *m->slots);
    m->wids = PyMem_RawMalloc((m->n_pairs + 1) * sizeof *m->wids);
    if (m->slots == NULL || m->wids == NULL) return -1;
    size_t nw = 0;
    for (size_t i = 0; i < m->n_pairs; i++) {
        pair *p = &m->pairs[i];
        int same = i > 0 && p->hash == p[-1].hash && p->len == p[-1].len &&
                   memcmp(m->arena + p->off, m->arena + p[-1].off, p->len) == 0;
        if (!same) m->slots[m->n_slots++] = (slot){p->hash, p->off, p->len, (uint32_t)nw, 0};
        if (same && p->wid == p[-1].wid) continue; /* a word with two equal deletions */
        m->wids[nw++] = p->wid;
        m->slots[m->n_slots - 1].count++;
    }
    PyMem_RawFree(m->pairs);
    m->pairs = NULL;
    m->n_pairs = m->cap_pairs = 0;
    size_t size = 16;
    while (size < 2 * m->n_slots) size *= 2;
    m->table = PyMem_RawCalloc(size, sizeof *m->table);
    if (m->table == NULL) return -1;
    m->table_mask = size - 1;
    for (size_t i = 0; i < m->n_slots; i++) {
        size_t h = (size_t)m->slots[i].hash & m->table_mask;
        while (m->table[h]) h = (h + 1) & m->table_mask;
        m->table[h] = (m->slots[i].hash >> 32) << 32 | ((uint64_t)i + 1);
    }
    return 0;
}

static const slot *mm_get_hashed(const multimap *m, const char *s, size_t n, uint64_t hash) {
    if (m->table == NULL) return NULL;
    size_t h = (size_t)hash & m->table_mask;
    /* A probe that misses reads the table only: the slot and the string are read on a tag match. */
    for (uint64_t e; (e = m->table[h]) != 0; h = (h + 1) & m->table_mask) {
        if (e >> 32 != hash >> 32) continue;
        const slot *sl = &m->slots[(e & 0xffffffffu) - 1];
        if (sl->hash == hash && sl->len == n && memcmp(m->arena + sl->off, s, n) == 0) return sl;
    }
    return NULL;
}

static const slot *mm_get(const multimap *m, const char *s, size_t n) { return mm_get_hashed(m, s, n, fnv(s, n)); }

/* A growable array of word or key ids. */
typedef struct {
    uint32_t *v;
    size_t n, cap;
} ids;

static int ids_push(ids *a, uint32_t x) {
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        uint32_t *v = PyMem_RawRealloc(a->v, cap * sizeof *v);
        if (v == NULL) return -1;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

static int u32_cmp(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

static void ids_unique(ids *a) {
    if (a->n < 2) return;
    if (a->n <= 256) { /* most blocks: an insertion sort beats qsort's calls through a pointer */
        for (size_t i = 1; i < a->n; i++) {
            uint32_t x = a->v[i];
            size_t j = i;
            for (; j > 0 && a->v[j - 1] > x; j--) a->v[j] = a->v[j - 1];
            a->v[j] = x;
        }
    } else {
        qsort(a->v, a->n, sizeof *a->v, u32_cmp);
    }
    size_t o = 1;
    for (size_t i = 1; i < a->n; i++)
        if (a->v[i] != a->v[o - 1]) a->v[o++] = a->v[i];
    a->n = o;
}

/* Drop repeats from a, keeping first occurrences, with marks[] (one per possible id). */
static void ids_distinct(ids *a, uint32_t *marks, size_t n_marks, uint32_t *mark) {
    if (a->n < 2) return;
    if (++*mark == 0) { /* the counter wrapped: clear the marks once */
        memset(marks, 0, n_marks * sizeof *marks);
        *mark = 1;
    }
    size_t o = 0;
    for (size_t i = 0; i < a->n; i++) {
        uint32_t x = a->v[i];
        if (marks[x] != *mark) {
            marks[x] = *mark;
            a->v[o++] = x;
        }
    }
    a->n = o;
}

static int ids_add_slot(ids *a, const multimap *m, const slot *sl) {
    if (sl == NULL) return 0;
    for (uint32_t i = 0; i < sl->count; i++)
        if (ids_push(a, m->wids[sl->start + i]) < 0) return -1;
    return 0;
}

typedef struct {
    PyObject_HEAD
    multimap words;     /* a word -> its id */
    multimap deletions; /* a word and (four letters or more) its one-letter deletions -> word ids */
    multimap keymap;    /* a key -> its id */
    multimap segments;  /* (length, i, segment) of words of SEGMENTED letters or more -> word ids */
    uint32_t *wk_start; /* keys of word w: wk[wk_start[w] : wk_start[w + 1]] */
    uint32_t *wk;
    size_t n_words, n_keys;
    uint32_t *word_seen, *key_seen; /* scratch marks for removing repeats (used with the GIL held) */
    uint32_t word_mark, key_mark;
    PyObject *keys;  /* list of the key strings */
    PyObject *exact; /* list: per key, what best() returns on an exact hit of it (None: the key id) */
    PyObject *extract, *scorer; /* rapidfuzz.process.extract and the scorer best() hands it */
    PyObject *kwargs;           /* {"scorer": scorer, "score_cutoff": kw_cutoff, "limit": None} */
    double kw_cutoff;
    Py_ssize_t min_deletable, segmented, min_part, max_block;
} BlockIndex;

static void segments_of(Py_ssize_t length, Py_ssize_t out[3][2]) {
    Py_ssize_t a = length / 3, b = (length - a) / 2;
    out[0][0] = 0, out[0][1] = a;
    out[1][0] = a, out[1][1] = b;
    out[2][0] = a + b, out[2][1] = length - a - b;
}

/* The key of segment i of a word of size letters: the size (two bytes), i, then the letters. */
static int segment_key(char *buf, size_t room, Py_ssize_t size, int i, const char *seg, Py_ssize_t n) {
    if (size > 0xffff || (size_t)n + 3 > room) return -1;
    buf[0] = (char)(size & 0xff);
    buf[1] = (char)(size >> 8);
    buf[2] = (char)i;
    memcpy(buf + 3, seg, (size_t)n);
    return 3 + (int)n;
}

static void BlockIndex_dealloc(BlockIndex *self) {
    mm_free(&self->words);
    mm_free(&self->deletions);
    mm_free(&self->segments);
    mm_free(&self->keymap);
    PyMem_RawFree(self->wk_start);
    PyMem_RawFree(self->wk);
    PyMem_RawFree(self->word_seen);
    PyMem_RawFree(self->key_seen);
    Py_XDECREF(self->keys);
    Py_XDECREF(self->exact);
    Py_XDECREF(self->extract);
    Py_XDECREF(self->scorer);
    Py_XDECREF(self->kwargs);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int BlockIndex_init(BlockIndex *self, PyObject *args, PyObject *kw) {
    static char *names[] = {"words", "word_keys", "keys", "min_deletable", "segmented", "min_part", "max_block", "exact",
                            "extract", "scorer", NULL};
    PyObject *words, *word_keys, *keys, *exact = NULL, *extract = NULL, *scorer = NULL;
    self->min_deletable = 4, self->segmented = 9, self->min_part = 4, self->max_block = 2000;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!O!O!|nnnnO!OO", names, &PyList_Type, &words, &PyList_Type, &word_keys,
                                     &PyList_Type, &keys, &self->min_deletable, &self->segmented, &self->min_part,
                                     &self->max_block, &PyList_Type, &exact, &extract, &scorer))
        return -1;
    Py_XINCREF(extract);
    Py_XSETREF(self->extract, extract);
    Py_XINCREF(scorer);
    Py_XSETREF(self->scorer, scorer);
    if (self->wk != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "BlockIndex is built once");
        return -1;
    }
    Py_ssize_t nw = PyList_GET_SIZE(words), nk = PyList_GET_SIZE(keys);
    if (PyList_GET_SIZE(word_keys) != nw) {
        PyErr_SetString(PyExc_ValueError, "words and word_keys differ in length");
        return -1;
    }
    if (exact != NULL && PyList_GET_SIZE(exact) != nk) {
        PyErr_SetString(PyExc_ValueError, "exact and keys differ in length");
        return -1;
    }
    Py_INCREF(keys);
    self->keys = keys;
    Py_XINCREF(exact);
    self->exact = exact;
    self->n_words = (size_t)nw;
    size_t total = 0;
    for (Py_ssize_t w = 0; w < nw; w++) {
        PyObject *t = PyList_GET_ITEM(word_keys, w);
        if (!PyTuple_Check(t)) {
            PyErr_SetString(PyExc_TypeError, "word_keys holds tuples of key ids");
            return -1;
        }
        total += (size_t)PyTuple_GET_SIZE(t);
    }
    self->n_keys = (size_t)nk;
    self->word_seen = PyMem_RawCalloc((size_t)nw + 1, sizeof(uint32_t));
    self->key_seen = PyMem_RawCalloc((size_t)nk + 1, sizeof(uint32_t));
    if (self->word_seen == NULL || self->key_seen == NULL) goto nomem;
    self->wk_start = PyMem_RawMalloc(((size_t)nw + 1) * sizeof(uint32_t));
    self->wk = PyMem_RawMalloc((total + 1) * sizeof(uint32_t));
    if (self->wk_start == NULL || self->wk == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    size_t o = 0;
    for (Py_ssize_t w = 0; w < nw; w++) {
        PyObject *t = PyList_GET_ITEM(word_keys, w);
        self->wk_start[w] = (uint32_t)o;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(t); i++) {
            long k = PyLong_AsLong(PyTuple_GET_ITEM(t, i));
            if (k < 0 || k >= nk) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a key id out of range");
                return -1;
            }
            self->wk[o++] = (uint32_t)k;
        }
    }
    self->wk_start[nw] = (uint32_t)o;
    char del[512], seg[600];
    for (Py_ssize_t w = 0; w < nw; w++) {
        Py_ssize_t n;
        const char *s = PyUnicode_Check(PyList_GET_ITEM(words, w)) ? PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(words, w), &n) : NULL;
        if (s == NULL) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "words holds str");
            return -1;
        }
        if (mm_put(&self->words, s, (size_t)n, (uint32_t)w) < 0 || mm_put(&self->deletions, s, (size_t)n, (uint32_t)w) < 0) goto nomem;
        if (n >= self->min_deletable && n <= (Py_ssize_t)sizeof del) {
            for (Py_ssize_t i = 0; i < n; i++) {
                memcpy(del, s, (size_t)i);
                memcpy(del + i, s + i + 1, (size_t)(n - i - 1));
                if (mm_put(&self->deletions, del, (size_t)(n - 1), (uint32_t)w) < 0) goto nomem;
            }
        }
        if (n >= self->segmented && n < 500) {
            Py_ssize_t sg[3][2];
            segments_of(n, sg);
            for (int i = 0; i < 3; i++) {
                int k = segment_key(seg, sizeof seg, n, i, s + sg[i][0], sg[i][1]);
                if (k > 0 && mm_put(&self->segments, seg, (size_t)k, (uint32_t)w) < 0) goto nomem;
            }
        }
    }
    for (Py_ssize_t k = 0; k < nk; k++) {
        Py_ssize_t n;
        const char *s = PyUnicode_Check(PyList_GET_ITEM(keys, k)) ? PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(keys, k), &n) : NULL;
        if (s == NULL) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "keys holds str");
            return -1;
        }
        if (mm_put(&self->keymap, s, (size_t)n, (uint32_t)k) < 0) goto nomem;
    }
    if (mm_finish(&self->words) < 0 || mm_finish(&self->deletions) < 0 || mm_finish(&self->segments) < 0 ||
        mm_finish(&self->keymap) < 0)
        goto nomem;
    return 0;
nomem:
    PyErr_NoMemory();
    return -1;
}

/* Lookups gathered first and made together: the table places of all of them are fetched from
 * memory at once instead of one cache miss after another (a two-edit block makes a hundred). */
typedef struct {
    const multimap *m;
    uint64_t hash;
    uint32_t off, len;
} probe;

typedef struct {
    probe p[PROBES];
    size_t n;
    char s[PROBES * 24];
    size_t used;
} probes;

static int run_probes(probes *ps, ids *out) {
    for (size_t i = 0; i < ps->n; i++) {
        const multimap *m = ps->p[i].m;
        if (m->table) __builtin_prefetch(&m->table[(size_t)ps->p[i].hash & m->table_mask]);
    }
    for (size_t i = 0; i < ps->n; i++) {
        const probe *q = &ps->p[i];
        if (ids_add_slot(out, q->m, mm_get_hashed(q->m, ps->s + q->off, q->len, q->hash)) < 0) return -1;
    }
    ps->n = ps->used = 0;
    return 0;
}

static int add_probe(probes *ps, const multimap *m, const char *s, size_t n, ids *out) {
    if (ps->n == PROBES || ps->used + n > sizeof ps->s) {
        if (run_probes(ps, out) < 0) return -1;
        if (n > sizeof ps->s) return ids_add_slot(out, m, mm_get(m, s, n));
    }
    memcpy(ps->s + ps->used, s, n);
    ps->p[ps->n++] = (probe){m, fnv(s, n), (uint32_t)ps->used, (uint32_t)n};
    ps->used += n;
    return 0;
}

/* Word ids of the words sharing a block with w at depth (see FuzzyIndex._word_block). */
static int block_words(const BlockIndex *x, const char *w, Py_ssize_t n, int depth, ids *out) {
    char buf[512], seg[600];
    probes *ps;
    if (n >= (Py_ssize_t)sizeof buf) return 0; /* no glossary word is that long */
    if (depth == 0) return ids_add_slot(out, &x->words, mm_get(&x->words, w, (size_t)n));
    ps = PyMem_RawMalloc(sizeof *ps);
    if (ps == NULL) return -1;
    ps->n = ps->used = 0;
    if (depth == 1 || (n >= 6 && n < x->segmented + 2)) {
        /* The word, its one-letter deletions (four letters or more) and at depth 2 its two-letter ones. */
        if (add_probe(ps, &x->deletions, w, (size_t)n, out) < 0) goto fail;
        int layers = depth == 1 ? (n >= 4 ? 1 : 0) : (int)(n - 2 < 2 ? n - 2 : 2);
        for (Py_ssize_t i = 0; layers >= 1 && i < n; i++) {
            memcpy(buf, w, (size_t)i);
            memcpy(buf + i, w + i + 1, (size_t)(n - i - 1));
            if (add_probe(ps, &x->deletions, buf, (size_t)(n - 1), out) < 0) goto fail;
            for (Py_ssize_t j = i; layers >= 2 && j < n - 1; j++) {
                char two[512];
                memcpy(two, buf, (size_t)j);
                memcpy(two + j, buf + j + 1, (size_t)(n - 2 - j));
                if (add_probe(ps, &x->deletions, two, (size_t)(n - 2), out) < 0) goto fail;
            }
        }
    }
    if (depth == 2 && n >= x->segmented - 2) {
        for (Py_ssize_t size = (x->segmented > n - 2 ? x->segmented : n - 2); size < n + 3; size++) {
            Py_ssize_t sg[3][2];
            segments_of(size, sg);
            for (int i = 0; i < 3; i++) {
                Py_ssize_t start = sg[i][0], len = sg[i][1];
                Py_ssize_t lo = start - 2 > 0 ? start - 2 : 0, hi = (n - len < start + 2) ? n - len : start + 2;
                for (Py_ssize_t pos = lo; pos <= hi; pos++) {
                    int k = segment_key(seg, sizeof seg, size, i, w + pos, len);
                    if (k > 0 && add_probe(ps, &x->segments, seg, (size_t)k, out) < 0) goto fail;
                }
            }
        }
    }
    for (Py_ssize_t i = x->min_part; depth == 2 && i <= n - x->min_part; i++) {
        if (add_probe(ps, &x->words, w, (size_t)i, out) < 0) goto fail;
        if (add_probe(ps, &x->words, w + i, (size_t)(n - i), out) < 0) goto fail;
    }
    if (run_probes(ps, out) < 0) goto fail;
    PyMem_RawFree(ps);
    return 0;
fail:
    PyMem_RawFree(ps);
    return -1;
}

static size_t block_size(const BlockIndex *x, const ids *words) {
    size_t size = 0;
    for (size_t i = 0; i < words->n; i++) size += x->wk_start[words->v[i] + 1] - x->wk_start[words->v[i]];
    return size;
}

static int add_keys(const BlockIndex *x, const ids *words, ids *keys) {
    for (size_t i = 0; i < words->n; i++)
        for (uint32_t k = x->wk_start[words->v[i]]; k < x->wk_start[words->v[i] + 1]; k++)
            if (ids_push(keys, x->wk[k]) < 0) return -1;
    return 0;
}

static PyObject *ids_list(const ids *a) {
    PyObject *l = PyList_New((Py_ssize_t)a->n);
    for (size_t i = 0; l && i < a->n; i++) {
        PyObject *v = PyLong_FromUnsignedLong(a->v[i]);
        if (v == NULL) {
            Py_CLEAR(l);
            break;
        }
        PyList_SET_ITEM(l, (Py_ssize_t)i, v);
    }
    return l;
}

static int parse_word(PyObject *args, const char **w, Py_ssize_t *n, int *depth) {
    PyObject *word;
    if (!PyArg_ParseTuple(args, "Ui", &word, depth)) return -1;
    *w = PyUnicode_AsUTF8AndSize(word, n);
    if (*w == NULL) return -1;
    if (*depth < 0 || *depth > 2) {
        PyErr_SetString(PyExc_ValueError, "depth is 0, 1 or 2");
        return -1;
    }
    return 0;
}

static PyObject *BlockIndex_block(BlockIndex *self, PyObject *args) {
    const char *w;
    Py_ssize_t n;
    int depth;
    if (parse_word(args, &w, &n, &depth) < 0) return NULL;
    ids words = {0}, keys = {0};
    PyObject *out = NULL;
    if (block_words(self, w, n, depth, &words) < 0) goto nomem;
    ids_distinct(&words, self->word_seen, self->n_words, &self->word_mark);
    size_t size = block_size(self, &words);
    if (size <= (size_t)self->max_block) {
        if (add_keys(self, &words, &keys) < 0) goto nomem;
        ids_unique(&keys);
    }
    PyObject *kl = size <= (size_t)self->max_block ? ids_list(&keys) : (Py_INCREF(Py_None), Py_None);
    PyObject *wl = ids_list(&words);
    if (kl && wl) out = Py_BuildValue("(nOO)", (Py_ssize_t)size, kl, wl);
    Py_XDECREF(kl);
    Py_XDECREF(wl);
    PyMem_RawFree(words.v);
    PyMem_RawFree(keys.v);
    return out;
nomem:
    PyMem_RawFree(words.v);
    PyMem_RawFree(keys.v);
    return PyErr_NoMemory();
}

typedef struct {
    const char *w;
    Py_ssize_t n;
    size_t size, order;
    ids words;
} word_block;

static int wb_cmp(const void *x, const void *y) { /* the smaller block first, then the earlier word */
    const word_block *a = x, *b = y;
    if (a->size != b->size) return a->size < b->size ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* candidates(qk, depth, scored=b"") -> (key strings, key ids, scored'): the keys sharing a block
 * with a word of qk (the rarest word's block first, a common word's only while the total stays
 * within max_block) that are not in scored. Key ids travel as bytes of sorted native uint32 (see
 * fuzzy_index.KID), so that only the ids a caller reads become Python ints; scored' is scored with
 * the new ids merged in. */
/* The keys sharing a block with a word of q (the rarest word's block first, a common word's only
 * while the total stays within max_block) that are not in old (sorted), into fresh (sorted). */
static int gather(BlockIndex *self, const char *q, Py_ssize_t qn, int depth, const uint32_t *old, size_t n_old, ids *fresh) {
    size_t nb = 0, words = 1;
    ids keys = {0};
    int status = -1;
    for (Py_ssize_t i = 0; i < qn; i++) words += q[i] == ' ';
    word_block *blocks = PyMem_RawMalloc(words * sizeof *blocks);
    if (blocks == NULL) goto done;
    for (Py_ssize_t i = 0; i <= qn;) {
        Py_ssize_t j = i;
        while (j < qn && q[j] != ' ') j++;
        int seen = 0;
        for (size_t b = 0; b < nb && !seen; b++) seen = blocks[b].n == j - i && memcmp(blocks[b].w, q + i, (size_t)(j - i)) == 0;
        if (!seen && j > i) {
            word_block *b = &blocks[nb++];
            *b = (word_block){q + i, j - i, 0, nb - 1, {0}};
            if (block_words(self, b->w, b->n, depth, &b->words) < 0) goto done;
            ids_distinct(&b->words, self->word_seen, self->n_words, &self->word_mark);
            b->size = block_size(self, &b->words);
        }
        i = j + 1;
    }
    if (nb > 1) qsort(blocks, nb, sizeof *blocks, wb_cmp);
    for (size_t b = 0; b < nb; b++) {
        if (b && keys.n + blocks[b].size > (size_t)self->max_block) break;
        if (add_keys(self, &blocks[b].words, &keys) < 0) goto done;
        ids_distinct(&keys, self->key_seen, self->n_keys, &self->key_mark);
    }
    ids_unique(&keys); /* sorted, for the difference with old */
    size_t a = 0;
    for (size_t i = 0; i < keys.n; i++) {
        while (a < n_old && old[a] < keys.v[i]) a++;
        if (!(a < n_old && old[a] == keys.v[i]) && ids_push(fresh, keys.v[i]) < 0) goto done;
    }
    status = 0;
done:
    for (size_t b = 0; b < nb; b++) PyMem_RawFree(blocks[b].words.v);
    PyMem_RawFree(blocks);
    PyMem_RawFree(keys.v);
    if (status < 0 && !PyErr_Occurred()) PyErr_NoMemory();
    return status;
}

/* old (sorted) with fresh (sorted, none in old) merged in, into out. */
static int merge_ids(const uint32_t *old, size_t n_old, const ids *fresh, uint32_t *out) {
    size_t x = 0, y = 0, o = 0;
    while (x < n_old || y < fresh->n) out[o++] = (y >= fresh->n || (x < n_old && old[x] < fresh->v[y])) ? old[x++] : fresh->v[y++];
    return 0;
}

static PyObject *choices_of(BlockIndex *self, const ids *fresh) {
    PyObject *choices = PyList_New((Py_ssize_t)fresh->n);
    for (size_t i = 0; choices && i < fresh->n; i++) {
        PyObject *k = PyList_GET_ITEM(self->keys, fresh->v[i]);
        Py_INCREF(k);
        PyList_SET_ITEM(choices, (Py_ssize_t)i, k);
    }
    return choices;
}

/* candidates(qk, depth, scored=b"") -> (key strings, key ids, scored'): the keys sharing a block
 * with a word of qk that are not in scored. Key ids travel as bytes of sorted native uint32, so
 * that only the ids a caller reads become Python ints; scored' is scored with the new ids merged in. */
static PyObject *BlockIndex_candidates(BlockIndex *self, PyObject *args) {
    PyObject *word;
    int depth;
    Py_buffer scored = {0};
    scored.buf = NULL;
    if (!PyArg_ParseTuple(args, "Ui|y*", &word, &depth, &scored)) return NULL;
    Py_ssize_t qn;
    const char *q = PyUnicode_AsUTF8AndSize(word, &qn);
    const uint32_t *old = scored.buf;
    size_t n_old = scored.buf ? (size_t)scored.len / sizeof(uint32_t) : 0;
    ids fresh = {0};
    PyObject *choices = NULL, *kids = NULL, *merged = NULL, *out = NULL;
    if (q == NULL) goto done;
    if (depth < 0 || depth > 2) {
        PyErr_SetString(PyExc_ValueError, "depth is 0, 1 or 2");
        goto done;
    }
    if (gather(self, q, qn, depth, old, n_old, &fresh) < 0) goto done;
    choices = choices_of(self, &fresh);
    kids = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(fresh.n * sizeof(uint32_t)));
    merged = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)((n_old + fresh.n) * sizeof(uint32_t)));
    if (choices && kids && merged) {
        if (fresh.n) memcpy(PyBytes_AS_STRING(kids), fresh.v, fresh.n * sizeof(uint32_t));
        merge_ids(old, n_old, &fresh, (uint32_t *)PyBytes_AS_STRING(merged));
        out = PyTuple_Pack(3, choices, kids, merged);
    }
done:
    Py_XDECREF(choices);
    Py_XDECREF(kids);
    Py_XDECREF(merged);
    PyMem_RawFree(fresh.v);
    if (scored.buf) PyBuffer_Release(&scored);
    return out;
}

/* best(name, score_cutoff) -> what FuzzyIndex.search(best=True) needs, in one call:
 *   a list [exact[k]] when name's one skeleton is key k and exact[k] is not None, else an int: k;
 *   a tuple: name's skeletons, when one of several is a key (the caller ranks those);
 *   a list of (key id, query key, score) at the top score of the first stage (blocks at depth 0,
 *   then 1, then 2) where extract(query key, choices, scorer=scorer, score_cutoff=score_cutoff,
 *   limit=None) scores any (empty: none does), or
 *   when that is one key with one form, [its candidate] made from exact[key];
 *   None: name could not be read here. */
static PyObject *BlockIndex_best(BlockIndex *self, PyObject *args) {
    PyObject *name;
    double cutoff;
    if (!PyArg_ParseTuple(args, "Ud", &name, &cutoff)) return NULL;
    if (self->extract == NULL || self->scorer == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "best() needs the index built with extract and scorer");
        return NULL;
    }
    if (self->kwargs == NULL || self->kw_cutoff != cutoff) { /* one dict per cutoff, kept while it is asked for */
        PyObject *kw = Py_BuildValue("{sOsdsO}", "scorer", self->scorer, "score_cutoff", cutoff, "limit", Py_None);
        if (kw == NULL) return NULL;
        Py_XSETREF(self->kwargs, kw);
        self->kw_cutoff = cutoff;
    }
    PyObject *extract = self->extract, *kwargs = self->kwargs;
    Py_INCREF(kwargs); /* a call to extract may run Python code that calls best() with another cutoff */
    PyObject *qkeys = name_keys(NULL, name);
    if (qkeys == NULL || qkeys == Py_None) {
        Py_DECREF(kwargs);
        return qkeys;
    }
    Py_ssize_t nq = PyTuple_GET_SIZE(qkeys);
    for (Py_ssize_t i = 0; i < nq; i++) {
        Py_ssize_t n;
        const char *k = PyUnicode_AsUTF8AndSize(PyTuple_GET_ITEM(qkeys, i), &n);
        if (k == NULL) {
            Py_DECREF(qkeys);
            Py_DECREF(kwargs);
            return NULL;
        }
        const slot *sl = mm_get(&self->keymap, k, (size_t)n);
        if (sl != NULL) {
            Py_DECREF(kwargs);
            if (nq > 1 || sl->count != 1) return qkeys;
            Py_DECREF(qkeys);
            uint32_t kid = self->keymap.wids[sl->start];
            PyObject *hit = self->exact ? PyList_GET_ITEM(self->exact, kid) : Py_None;
            if (hit == Py_None) return PyLong_FromUnsignedLong(kid);
            PyObject *one = PyList_New(1);
            if (one != NULL) {
                Py_INCREF(hit);
                PyList_SET_ITEM(one, 0, hit);
            }
            return one;
        }
    }
    ids done = {0};
    ids *fresh = PyMem_RawCalloc((size_t)nq + 1, sizeof *fresh);
    PyObject **scores = PyMem_RawCalloc((size_t)nq + 1, sizeof *scores);
    PyObject *out = NULL;
    if (fresh == NULL || scores == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int any = 0;
    for (int depth = 0; depth <= 2 && !any; depth++) {
        for (Py_ssize_t i = 0; i < nq; i++) {
            PyObject *qk = PyTuple_GET_ITEM(qkeys, i);
            Py_ssize_t qn;
            const char *q = PyUnicode_AsUTF8AndSize(qk, &qn);
            fresh[i].n = 0;
            Py_CLEAR(scores[i]);
            if (q == NULL || gather(self, q, qn, depth, done.v, done.n, &fresh[i]) < 0) goto done;
            if (fresh[i].n == 0) continue;
            ids merged = {PyMem_RawMalloc((done.n + fresh[i].n) * sizeof(uint32_t)), done.n + fresh[i].n, done.n + fresh[i].n};
            if (merged.v == NULL) {
                PyErr_NoMemory();
                goto done;
            }
            merge_ids(done.v, done.n, &fresh[i], merged.v);
            PyMem_RawFree(done.v);
            done = merged;
            PyObject *choices = choices_of(self, &fresh[i]);
            if (choices == NULL) goto done;
            PyObject *call = PyTuple_Pack(2, qk, choices);
            Py_DECREF(choices);
            if (call == NULL) goto done;
            scores[i] = PyObject_Call(extract, call, kwargs);
            Py_DECREF(call);
            if (scores[i] == NULL) goto done;
            if (!PyList_Check(scores[i])) {
                PyErr_SetString(PyExc_TypeError, "extract() gave no list");
                goto done;
            }
            any |= PyList_GET_SIZE(scores[i]) > 0;
        }
    }
    out = PyList_New(0);
    if (out == NULL || !any) goto done;
    double top = -1.0;
    for (Py_ssize_t i = 0; i < nq; i++) {
        if (scores[i] == NULL || PyList_GET_SIZE(scores[i]) == 0) continue;
        PyObject *first = PyList_GET_ITEM(scores[i], 0);
        double s = PyTuple_Check(first) && PyTuple_GET_SIZE(first) == 3 ? PyFloat_AsDouble(PyTuple_GET_ITEM(first, 1)) : -1.0;
        if (s == -1.0 && PyErr_Occurred()) goto fail;
        if (s > top) top = s;
    }
    for (Py_ssize_t i = 0; i < nq; i++) {
        for (Py_ssize_t r = 0; scores[i] && r < PyList_GET_SIZE(scores[i]); r++) {
            PyObject *item = PyList_GET_ITEM(scores[i], r);
            if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 3) {
                PyErr_SetString(PyExc_TypeError, "extract() gave no (choice, score, index) tuples");
                goto fail;
            }
            double s = PyFloat_AsDouble(PyTuple_GET_ITEM(item, 1));
            Py_ssize_t pos = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 2));
            if (PyErr_Occurred()) goto fail;
            if (s < top) break;
            if (pos < 0 || (size_t)pos >= fresh[i].n) {
                PyErr_SetString(PyExc_IndexError, "extract() gave an index out of range");
                goto fail;
            }
            PyObject *hit = Py_BuildValue("(kOd)", (unsigned long)fresh[i].v[pos], PyTuple_GET_ITEM(qkeys, i), top);
            if (hit == NULL || PyList_Append(out, hit) < 0) {
                Py_XDECREF(hit);
                goto fail;
            }
            Py_DECREF(hit);
        }
    }
    if (PyList_GET_SIZE(out) == 1 && self->exact) {
        /* The usual case: one key at the top, with one form. Its candidate is the exact one's with
         * this query key and score, made as tuple.__new__(Candidate, fields) makes it. */
        PyObject *hit = PyList_GET_ITEM(out, 0);
        PyObject *model = PyList_GET_ITEM(self->exact, PyLong_AsSsize_t(PyTuple_GET_ITEM(hit, 0)));
        if (model != Py_None && PyTuple_Check(model) && PyTuple_GET_SIZE(model) == 4) {
            PyObject *fields = PyTuple_Pack(4, PyTuple_GET_ITEM(model, 0), PyTuple_GET_ITEM(model, 1),
                                            PyTuple_GET_ITEM(hit, 1), PyTuple_GET_ITEM(hit, 2));
            PyObject *targs = fields ? PyTuple_Pack(1, fields) : NULL;
            PyObject *cand = targs ? PyTuple_Type.tp_new(Py_TYPE(model), targs, NULL) : NULL;
            Py_XDECREF(fields);
            Py_XDECREF(targs);
            if (cand == NULL) goto fail;
            PyList_SetItem(out, 0, cand); /* steals cand, frees the (key, query key, score) */
        }
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    for (Py_ssize_t i = 0; fresh && i < nq; i++) PyMem_RawFree(fresh[i].v);
    for (Py_ssize_t i = 0; scores && i < nq; i++) Py_XDECREF(scores[i]);
    PyMem_RawFree(fresh);
    PyMem_RawFree(scores);
    PyMem_RawFree(done.v);
    Py_DECREF(qkeys);
    Py_DECREF(kwargs);
    return out;
}

static PyMethodDef BLOCK_METHODS[] = {
    {"block", (PyCFunction)BlockIndex_block, METH_VARARGS,
     "block(word, depth) -> (number of keys, key ids or None past max_block, word ids)"},
    {"candidates", (PyCFunction)BlockIndex_candidates, METH_VARARGS,
     "candidates(query_key, depth, scored=b'') -> (key strings, key ids, scored with them): the keys in\n"
     "the blocks of query_key's words not yet in scored; ids as bytes of sorted native uint32"},
    {"best", (PyCFunction)BlockIndex_best, METH_VARARGS,
     "best(name, score_cutoff) -> [candidate] | key id | skeletons | [(key id, query key, score) at the top] | None"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject BlockIndexType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "transnorm.glossary._native.BlockIndex",
    .tp_doc = "BlockIndex(words, word_keys, keys, min_deletable=4, segmented=9, min_part=4, max_block=2000):\n"
              "the candidate blocks of FuzzyIndex over its skeleton words.",
    .tp_basicsize = sizeof(BlockIndex),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)BlockIndex_init,
    .tp_dealloc = (destructor)BlockIndex_dealloc,
    .tp_methods = BLOCK_METHODS,
};

static PyObject *forget(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    if (memo != NULL) memset(memo, 0, MEMO_SLOTS * sizeof *memo);
    Py_RETURN_NONE;
}

static PyMethodDef METHODS[] = {
    {"forget", forget, METH_NOARGS, "forget(): empty the memory of words' skeletons (for benchmarks)."},
    {"keys", keys, METH_O,
     "keys(base) -> tuple of skeleton keys of a letters() string (primary first), or None when base\n"
     "holds a character other than a-z, 0-9 and space."},
    {"name_keys", name_keys, METH_O,
     "name_keys(name) -> skeleton.skeleton_keys(name); a name that is not ASCII is read by the function\n"
     "given to read_with() (None without one)."},
    {"read_with", read_with, METH_O, "read_with(letters): the function that reads names that are not ASCII."},
    {"apply_rules", apply_rules, METH_O,
     "apply_rules(word) -> the skeleton rules applied in order to one word (as skeleton._apply_rules),\n"
     "or None when the word holds a character other than a-z, 0-9 and space."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_native", "Native skeleton keys (see skeleton.py).", -1, METHODS};

PyMODINIT_FUNC PyInit__native(void) {
    for (Py_ssize_t r = 0; r < N_RULES; r++) {
        RULES[r].pat_len = RULES[r].pat ? (Py_ssize_t)strlen(RULES[r].pat) : 0;
        RULES[r].rep_len = RULES[r].rep ? (Py_ssize_t)strlen(RULES[r].rep) : 0;
        RULES[r].needs_mask = mask_of(RULES[r].needs, (Py_ssize_t)strlen(RULES[r].needs));
    }
    memo = PyMem_RawCalloc(MEMO_SLOTS, sizeof *memo);
    if (memo == NULL) return PyErr_NoMemory();
    if (PyType_Ready(&BlockIndexType) < 0) return NULL;
    PyObject *m = PyModule_Create(&MODULE);
    if (m == NULL) return NULL;
    Py_INCREF(&BlockIndexType);
    if (PyModule_AddObject(m, "BlockIndex", (PyObject *)&BlockIndexType) < 0) {
        Py_DECREF(&BlockIndexType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
