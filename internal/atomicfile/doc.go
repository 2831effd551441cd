// Package atomicfile writes files so that a reader, or the next run after a
// crash or a full disk, finds either the old content or the new, never a
// file cut off in the middle.
//
// [Write] and [WriteFile] write to a temporary file in the same folder
// (so the rename cannot cross file systems), sync it, rename it over the
// target and sync the folder. When anything fails the temporary file is
// removed, the target is left as it was, and the error says which step
// failed. Every file compactkit writes goes through this package (case files
// have their own layer in package dispute, with a lock and an append that is
// read back).
package atomicfile
