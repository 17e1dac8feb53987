/*
 * plan_script.h -- plans in traditional script (繁體): the rules of the
 * parser are written for simplified script, so a traditional text is folded
 * to simplified for matching (Debian's libopencc, character by character),
 * and every text of the model is restored to the characters as written
 * afterwards. A plan in simplified script is left alone at no cost beyond
 * one scan for traditional-only characters.
 */
#ifndef LANTIAN_PLAN_SCRIPT_H
#define LANTIAN_PLAN_SCRIPT_H

#include "buf.h"
#include "diag.h"
#include "plan.h"

struct script_map;

/*
 * If text (UTF-8, NUL-terminated) is written in traditional script, replace
 * it by its simplified folding and return the map that restores it; NULL
 * (text untouched) for a simplified text. When libopencc cannot be opened
 * the text stays as it is and a warning naming path is added to dl.
 */
struct script_map *script_fold(struct buf *text, const char *path, struct diag_list *dl);

/* s with every folded character put back as the document wrote it; a new
 * string. */
char *script_restore(const struct script_map *m, const char *s);

/* Restore every text of p that came from the document (titles, task
 * texts, unit names, raw phrases, attachments). Codes such as lead_mode stay
 * as they are. keep_place / keep_title: the field came from plan.conf. */
void script_restore_plan(const struct script_map *m, struct plan *p, int keep_place,
    int keep_title);

void script_map_free(struct script_map *m);

#endif
