/* xmledit.c - editing a libxml2 tree in place, keeping its layout
 * (xmledit.h). */
#include "xmledit.h"

#include <string.h>

#include <glib.h>

xmlNode *xe_child(xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
            return c;
    return NULL;
}

static int depth(const xmlNode *n)
{
    int dp = -1;
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        dp++;
    return dp;
}

static xmlNode *indent(xmlDoc *doc, int dp)
{
    char buf[128];
    int n = dp < 0 ? 0 : dp > 60 ? 60 : dp;
    buf[0] = '\n';
    memset(buf + 1, ' ', (size_t)n * 2);
    buf[1 + n * 2] = '\0';
    return xmlNewDocText(doc, (const xmlChar *)buf);
}

int xe_blank_text(const xmlNode *n)
{
    if (!n || n->type != XML_TEXT_NODE)
        return 0;
    for (const xmlChar *c = n->content; c && *c; c++)
        if (*c != ' ' && *c != '\n' && *c != '\t' && *c != '\r')
            return 0;
    return 1;
}

/* The new node before ref, on a line of its own like ref. */
void xe_put_before(xmlNode *ref, xmlNode *node)
{
    xmlAddPrevSibling(ref, node);
    xmlAddPrevSibling(ref, indent(ref->doc, depth(ref)));
}

void xe_put_after(xmlNode *ref, xmlNode *node)
{
    xmlAddNextSibling(ref, node);
    xmlAddNextSibling(ref, indent(ref->doc, depth(ref)));
}

void xe_put_last(xmlNode *parent, xmlNode *node)
{
    int dp = depth(parent);
    if (xe_blank_text(parent->last)) {
        /* node first, then its indent before it: a text node added beside
         * the closing blanks would be merged into them (libxml2), and the
         * node would land on the line of the element before it */
        xmlNode *end = parent->last;
        xmlAddPrevSibling(end, node);
        xmlAddPrevSibling(node, indent(parent->doc, dp + 1));
    } else if (!parent->children) {
        xmlAddChild(parent, indent(parent->doc, dp + 1));
        xmlAddChild(parent, node);
        xmlAddChild(parent, indent(parent->doc, dp));
    } else {
        xmlAddChild(parent, indent(parent->doc, dp + 1));
        xmlAddChild(parent, node);
    }
}

/* Puts a new child where the schema wants it: before the first child that
 * comes later in `order`. */
void xe_put_in_order(xmlNode *parent, xmlNode *node, const char *const *order)
{
    size_t mine = 0;
    while (order[mine] && strcmp(order[mine], (const char *)node->name) != 0)
        mine++;
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (size_t k = mine + 1; order[k]; k++)
            if (!strcmp(order[k], (const char *)c->name)) {
                xe_put_before(c, node);
                return;
            }
    }
    xe_put_last(parent, node);
}

void xe_drop(xmlNode *n)
{
    if (xe_blank_text(n->prev)) {
        xmlNode *ws = n->prev;
        xmlUnlinkNode(ws);
        xmlFreeNode(ws);
    }
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

/* Whitespace collapsed, as the loader reads text. */
char *xe_norm(const char *s)
{
    GString *o = g_string_new(NULL);
    int space = 0;
    for (; s && *s; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
            space = o->len > 0;
            continue;
        }
        if (space)
            g_string_append_c(o, ' ');
        space = 0;
        g_string_append_c(o, *s);
    }
    return g_string_free(o, FALSE);
}

int xe_same_text(const char *a, const char *b)
{
    char *x = xe_norm(a), *y = xe_norm(b);
    int same = !strcmp(x, y);
    g_free(x);
    g_free(y);
    return same;
}

void xe_set_content(xmlNode *n, const char *v)
{
    while (n->children) {
        xmlNode *c = n->children;
        xmlUnlinkNode(c);
        xmlFreeNode(c);
    }
    xmlAddChild(n, xmlNewDocText(n->doc, (const xmlChar *)v));
}

/* Sets an attribute when v differs; "" removes it; NULL keeps it. */
void xe_set_attr(int *changes, xmlNode *n, const char *name, const char *v)
{
    if (!v)
        return;
    xmlChar *old = xmlGetProp(n, (const xmlChar *)name);
    if (!*v) {
        if (old) {
            xmlUnsetProp(n, (const xmlChar *)name);
            (*changes)++;
        }
    } else if (!old || !xe_same_text((const char *)old, v)) {
        xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)v);
        (*changes)++;
    }
    xmlFree(old);
}

/* The text of child `name`: set when it differs, made when missing, removed
 * for ""; NULL keeps it. */
xmlNode *xe_set_child_text(int *changes, xmlNode *parent, const char *name, const char *v,
                           const char *const *order)
{
    if (!v)
        return xe_child(parent, name);
    xmlNode *c = xe_child(parent, name);
    if (!*v) {
        if (c) {
            xe_drop(c);
            (*changes)++;
        }
        return NULL;
    }
    if (!c) {
        c = xmlNewDocNode(parent->doc, NULL, (const xmlChar *)name, NULL);
        xe_set_content(c, v);
        xe_put_in_order(parent, c, order);
        (*changes)++;
        return c;
    }
    xmlChar *old = xmlNodeGetContent(c);
    if (!xe_same_text((const char *)old, v)) {
        xe_set_content(c, v);
        (*changes)++;
    }
    xmlFree(old);
    return c;
}

/* An empty element that carries a list in one attribute (<support
 * agencies="..."/>, <lead agency="..."/>): "" removes it. */
void xe_set_child_attr(int *changes, xmlNode *parent, const char *name, const char *attr,
                       const char *v, const char *const *order)
{
    if (!v)
        return;
    xmlNode *c = xe_child(parent, name);
    if (!*v) {
        if (c) {
            xe_drop(c);
            (*changes)++;
        }
        return;
    }
    if (!c) {
        c = xmlNewDocNode(parent->doc, NULL, (const xmlChar *)name, NULL);
        xe_put_in_order(parent, c, order);
        (*changes)++;
    }
    xe_set_attr(changes, c, attr, v);
}
