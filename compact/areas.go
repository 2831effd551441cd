package compact

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// AreasIn lists the sub-folders of dir that hold document files, when dir
// holds none of its own at its top: dir is then a folder of areas (like
// examples/), not an area, and loading it as one would mix their
// documents. It returns nil when dir holds documents itself, or no
// sub-folder does. Hidden folders, testdata and what dir's [IgnoreFile]
// lists are left out, as loading leaves them out.
func AreasIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fsys := os.DirFS(dir)
	ignore, err := ReadIgnore(fsys, ".", dir)
	if err != nil {
		return nil, err
	}
	var subs []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() {
			if isDocumentFile(name) && !strings.HasPrefix(name, ".") && !ignore.Match(name, false) {
				return nil, nil // dir is an area
			}
			continue
		}
		if skipDir(name) || ignore.Match(name, true) {
			continue
		}
		if holdsDocuments(fsys, name) {
			subs = append(subs, name)
		}
	}
	return subs, nil
}

// holdsDocuments reports whether a folder of fsys holds a document file
// anywhere below it, as loading would find them.
func holdsDocuments(fsys fs.FS, root string) bool {
	errFound := errors.New("found")
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != root && skipDir(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if isDocumentFile(p) && !strings.HasPrefix(d.Name(), ".") {
			return errFound
		}
		return nil
	})
	return errors.Is(err, errFound)
}

// parentOfAreas is the error for loading a folder of areas as one area.
func parentOfAreas(dir string, subs []string) error {
	list := strings.Join(subs, ", ")
	example := filepath.Join(dir, subs[0])
	return Errors{{Pos: Position{File: dir}, Err: ErrValue, Msg: fmt.Sprintf(
		"a folder of areas, not an area: it holds no documents of its own, but its folders %s do; give one of them (%s), or several",
		list, example)}}
}
