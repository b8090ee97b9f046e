package procnet

import "path/filepath"

// netPath returns ROOT/net/name, where an empty root means "/proc": every
// reader of this package takes the proc mount point that way.
func netPath(root, name string) string {
	if root == "" {
		root = "/proc"
	}
	return filepath.Join(root, "net", name)
}
