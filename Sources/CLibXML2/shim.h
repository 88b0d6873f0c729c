#ifndef EARSHOT_CLIBXML2_SHIM_H
#define EARSHOT_CLIBXML2_SHIM_H

// Typed wrappers over the parts of libxml2 that Swift cannot call directly (macros, struct surgery on a parser
// context), so that Swift code only ever sees plain functions.

// Debian builds libxml2 with ICU, and <libxml/encoding.h> then includes the system's <unicode/ucnv.h>, which
// clashes with the ICU copy that Foundation ships (`_FoundationICU`). Swift never touches the ICU-only fields
// of xmlCharEncodingHandler (it only passes pointers to it), so hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <string.h>

/// Zeroes a SAX handler and marks it as SAX2 so that `startElementNs`/`endElementNs`/`serror` are used.
static inline void earshot_sax_init(xmlSAXHandler *sax) {
    memset(sax, 0, sizeof(xmlSAXHandler));
    sax->initialized = XML_SAX2_MAGIC;
}

/// Creates a push-parser context for a document of `len` bytes at `buf` that reports to `sax` with `user` as the
/// callbacks' first argument, and hands it the first bytes for encoding detection. `encoding`, when non-NULL, names
/// a charset to use because the document declares none. Returns NULL when libxml2 cannot allocate the context.
///
/// The push parser is used even for a complete buffer: its CDATA path copies whole runs, while the pull parser
/// (`xmlParseDocument`) decodes CDATA one character at a time, which costs about a third of the parse time on
/// feeds that wrap every body in CDATA.
static inline xmlParserCtxtPtr earshot_ctxt_create(const char *buf, int len, const xmlSAXHandler *sax, void *user,
                                                    int options, const char *url, const char *encoding) {
    xmlSAXHandler copy = *sax;
    int first = len < 4 ? len : 4;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&copy, user, buf, first, url);
    if (ctxt == NULL) return NULL;
    xmlCtxtUseOptions(ctxt, options);
    if (encoding != NULL) {
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
        if (handler != NULL) xmlSwitchToEncoding(ctxt, handler);
    }
    return ctxt;
}

/// Parses the rest of the document given to `earshot_ctxt_create` (the same `buf` and `len`) and finishes it.
/// Returns 0 when it was well-formed.
static inline int earshot_ctxt_parse(xmlParserCtxtPtr ctxt, const char *buf, int len) {
    int first = len < 4 ? len : 4;
    xmlParseChunk(ctxt, buf + first, len - first, 1);
    return ctxt->wellFormed ? 0 : (ctxt->errNo != 0 ? ctxt->errNo : -1);
}

/// The line the parser is at (1-based), or 0 when unknown.
static inline int earshot_ctxt_line(xmlParserCtxtPtr ctxt) {
    return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->line : 0;
}

/// In recover mode libxml2 silently drops every entity reference (even `&amp;`) once the document stopped being
/// well-formed. The reader keeps its own error record and calls this so that text after an error keeps its
/// entities.
static inline void earshot_ctxt_keep_entities(xmlParserCtxtPtr ctxt) {
    ctxt->wellFormed = 1;
}

/// Stops the parser at the next opportunity (e.g. when the root element is not a feed).
static inline void earshot_ctxt_stop(xmlParserCtxtPtr ctxt) {
    xmlStopParser(ctxt);
}

/// Frees a context made by `earshot_ctxt_create` (the SAX-only parse builds no document).
static inline void earshot_ctxt_free(xmlParserCtxtPtr ctxt) {
    if (ctxt->myDoc != NULL) {
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
}

/// A free-standing entity that the parser inlines as text like `&amp;` (never freed; callers cache them).
static inline xmlEntityPtr earshot_text_entity(const char *name, const char *utf8) {
    return xmlNewEntity(NULL, (const xmlChar *)name, XML_INTERNAL_PREDEFINED_ENTITY, NULL, NULL,
                        (const xmlChar *)utf8);
}

/// Options used for feeds: recover from errors, no network, no huge-document tricks, keep CDATA as CDATA.
static inline int earshot_feed_parse_options(void) {
    return XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
}

/// Severity of an error report: 1 warning, 2 error, 3 fatal.
static inline int earshot_error_level(const xmlError *error) { return (int)error->level; }

#endif
