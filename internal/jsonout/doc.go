// Package jsonout writes netstat's tables as JSON documents, in the schema
// that docs/json.md describes: the socket listing, routes, interfaces,
// statistics and multicast groups.
//
// It reads the same sources as the text renderers (sockets.Source,
// routes.Source, links.Source, counters.Source, groups.Source) and never
// the kernel itself. Rows are streamed: the document is opened, each row
// is encoded into a reused buffer as its source visits it and written out
// in blocks, and the document is closed, so memory does not grow with the
// number of sockets.
//
// Every document is one line ending in a newline; a run with -c writes
// one document per pass, which makes the output JSON Lines.
package jsonout

// Version is the schema version written in every document's "version"
// field. It grows when a field changes meaning or disappears; new fields
// may be added without a new version.
const Version = 1
