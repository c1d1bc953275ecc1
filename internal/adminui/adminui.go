// Package adminui serves a build of Medusa's admin dashboard at /app, as `medusa start`
// does: files of the build as they are, cached for good since their names carry their
// hashes, and index.html for every other path, so that the dashboard's own router draws the
// page a link or a reload names.
package adminui

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/gzhttp"
)

// Path is where the dashboard is served; the build must be made for it (admin/build.mjs).
const Path = "/app"

// BuildHint tells a merchant how to make the build channeld serves.
const BuildHint = "cd admin && npm ci && npm run build"

// ErrNotBuilt means the directory holds no build.
var ErrNotBuilt = errors.New("the admin dashboard is not built")

// Handler serves the build in dir under Path, compressed for clients that accept gzip. It
// reads index.html once: a new build needs a restart, as Medusa's does.
func Handler(dir string) (http.Handler, error) {
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: no index.html in %s (%s)", ErrNotBuilt, dir, BuildHint)
	}
	if err != nil {
		return nil, fmt.Errorf("read the admin dashboard: %w", err)
	}
	files := os.DirFS(dir)
	static := http.StripPrefix(Path+"/", http.FileServerFS(files))
	return gzhttp.GzipHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		name := strings.TrimPrefix(r.URL.Path, Path+"/")
		if name != "" && name != "index.html" && isFile(files, name) {
			h.Set("Cache-Control", "max-age=31536000, immutable")
			static.ServeHTTP(w, r)
			return
		}
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Type", "text/html; charset=utf-8")
		if r.Method != http.MethodHead {
			_, _ = w.Write(index)
		}
	})), nil
}

// isFile reports whether name is a regular file of the build; fs.ValidPath keeps ".." and
// absolute paths out of the directory.
func isFile(files fs.FS, name string) bool {
	if !fs.ValidPath(name) {
		return false
	}
	st, err := fs.Stat(files, name)
	return err == nil && st.Mode().IsRegular()
}
