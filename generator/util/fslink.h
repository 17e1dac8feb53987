/*
 * fslink.h -- publishing a file that already exists elsewhere in the tree
 * (a bulletin PDF on the site) without copying its bytes: a hard link
 * where the file system allows, made atomically (a link under a temp name,
 * then rename), else one write of a copy.
 * Returns 0 on success and -1 with errno set; nothing here prints.
 */
#ifndef LANTIAN_FSLINK_H
#define LANTIAN_FSLINK_H

/* Make path a hard link of src (an existing regular file), replacing
 * whatever path held; readers see the old or the new file, never a part.
 * When the file system refuses links (another device, no link support,
 * too many links) src is copied with fs_write_atomic() instead; *linked
 * (may be NULL) says which happened. path's folder must exist. */
int fs_link_atomic(const char *src, const char *path, int *linked);

#endif
