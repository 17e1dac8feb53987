/*
 * plan_meta.h -- the small metadata file beside each plan text
 * (plans/<id>/plan.conf): what the text itself cannot say.
 *
 * Format: UTF-8, one "key = value" per line, '#' starts a comment.
 *   id       = nanzhao-2024        (optional; default: the folder name)
 *   source   = plan.txt            (the plan text, relative to the folder)
 *   title    = …                   (optional: for texts that print no title)
 *   place    = 南召县
 *   level    = 县                   (省 / 市 / 县 / 区 / 镇 / 乡; a 旗,
 *                                   自治县 or 开发区 is 县)
 *   parent   = 南阳市               (optional: the city of a county plan)
 *   stations = 南阳市                (optional, repeatable: monitoring area)
 *   issuer   = …                   (optional: who issues the bulletins;
 *                                   default: the place's 攻坚办)
 * The bulletin's 公文 parts (GB/T 9704; all optional):
 *   recipients = 各乡镇人民政府，县直有关单位   (主送机关, without the colon)
 *   cc       = 县委办公室，县人大办公室        (抄送)
 *   printer  = …                   (印发机关; default: the issuer)
 *   bulletin_title = 关于{期间}大气污染防治攻坚战工作进展情况的通报
 *                                  ({期间} becomes 2024年8月 / 2024年1—8月)
 *   seal     = 有 | 无             (成文日期 placed for a seal; default 无)
 *   issue_day = 5                  (成文日期: that day of the month after
 *                                   the data; default: the data's as-of date)
 *   peers    = 南召县               (repeatable: the areas ranked with this
 *                                   plan's area; a 县/区/镇/乡 plan without
 *                                   peers prints no ranking)
 */
#ifndef LANTIAN_PLAN_META_H
#define LANTIAN_PLAN_META_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

struct plan_meta {
	char *path;      /* the plan.conf read */
	char *id;        /* [a-z0-9][a-z0-9-]* */
	char *source;    /* path of the text, relative to the folder of plan.conf */
	char *place;
	char *level;
	char *parent;
	char *title;     /* used only when the text has no title */
	char *issuer;    /* the body that issues the bulletins; may be NULL */
	char *recipients, *cc, *printer, *bulletin_title, *seal, *issue_day;
	struct strvec stations;
	struct strvec peers;
};

/* Read conf_path into m (zeroed by the caller). Returns 1 on success, 0 on
 * an error (each problem is added to dl as file:line). default_id is used
 * when the file has no id. */
int plan_meta_load(const char *conf_path, const char *default_id,
    struct plan_meta *m, struct diag_list *dl);
/* The same from the bytes data[0..len) of conf_path (named in
 * diagnostics): what plan_meta_load does after reading the file. */
int plan_meta_parse(const char *conf_path, const char *data, size_t len,
    const char *default_id, struct plan_meta *m, struct diag_list *dl);
void plan_meta_free(struct plan_meta *m);

#endif
