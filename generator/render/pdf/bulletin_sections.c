/*
 * bulletin_sections.c -- the bulletin's sections as a table, one row per
 * section, in document order within each part. A new section is one new
 * file and one row here.
 */
#include "bulletin_sections.h"

const struct bulletin_section bulletin_sections[] = {
	{ "air", BULLETIN_BODY, bulletin_air },               /* 空气质量 */
	{ "tasks", BULLETIN_BODY, bulletin_tasks },           /* 重点任务 */
	{ "appendix", BULLETIN_ATTACHMENT, bulletin_appendix }, /* 附件 */
};
const size_t bulletin_n_sections =
    sizeof bulletin_sections / sizeof *bulletin_sections;
