package jsonout

import (
	"io"
	"net/netip"
	"strconv"
)

// flushAt is the buffered size at which a document writes its buffer out:
// rows are appended to one reused buffer and leave it in blocks of about
// this size, so the buffer never holds more than a block and a row.
const flushAt = 32 << 10

// document streams one JSON document (a top-level object) to a writer.
// Members and values are appended in order; the commas between them are
// placed by the document, which keeps a count per open object or array.
// The first write error is kept and later writes are skipped.
type document struct {
	w   io.Writer
	b   []byte
	err error
	// open holds, for each open object or array, how many members or
	// values it has so far.
	open []int
	// closers holds the closing byte of each open container.
	closers []byte
	// keyed is set after a member name, whose value needs no comma.
	keyed bool
}

// newDocument starts a document on w: the top-level object, its version
// and table members.
func newDocument(w io.Writer, table string) *document {
	d := &document{w: w, b: make([]byte, 0, flushAt+4096)}
	d.beginObject()
	d.uint("version", Version)
	d.str("table", table)
	return d
}

// close ends every open object and array, the line, and writes out the
// rest of the buffer. It returns the first write error.
func (d *document) close() error {
	for len(d.open) > 0 {
		d.end()
	}
	d.b = append(d.b, '\n')
	d.flush()
	return d.err
}

// row is called after each row: the buffer goes out when it is full.
func (d *document) row() {
	if len(d.b) >= flushAt {
		d.flush()
	}
}

func (d *document) flush() {
	if d.err == nil && len(d.b) > 0 {
		_, d.err = d.w.Write(d.b)
	}
	d.b = d.b[:0]
}

// value prepares for a value: a comma unless it is the first of its
// container or the object or array that follows a member name.
func (d *document) value() {
	if d.keyed {
		d.keyed = false
		return
	}
	if n := len(d.open); n > 0 {
		if d.open[n-1] > 0 {
			d.b = append(d.b, ',')
		}
		d.open[n-1]++
	}
}

// key writes a member name; its value must follow, written directly.
func (d *document) key(name string) {
	d.value()
	d.b = appendString(d.b, name)
	d.b = append(d.b, ':')
}

func (d *document) beginObject() { d.begin('{', '}') }

func (d *document) beginArray() { d.begin('[', ']') }

func (d *document) begin(opener, closer byte) {
	d.value()
	d.b = append(d.b, opener)
	d.open = append(d.open, 0)
	d.closers = append(d.closers, closer)
}

// end closes the innermost object or array.
func (d *document) end() {
	n := len(d.open) - 1
	d.b = append(d.b, d.closers[n])
	d.open, d.closers = d.open[:n], d.closers[:n]
}

// object starts a member whose value is an object; end closes it.
func (d *document) object(name string) {
	d.key(name)
	d.keyed = true
	d.beginObject()
}

// array starts a member whose value is an array; end closes it.
func (d *document) array(name string) {
	d.key(name)
	d.keyed = true
	d.beginArray()
}

// str writes a string member.
func (d *document) str(name, v string) {
	d.key(name)
	d.b = appendString(d.b, v)
}

// strValue writes a string as an array element.
func (d *document) strValue(v string) {
	d.value()
	d.b = appendString(d.b, v)
}

// uint writes an unsigned integer member.
func (d *document) uint(name string, v uint64) {
	d.key(name)
	d.b = strconv.AppendUint(d.b, v, 10)
}

// int writes a signed integer member.
func (d *document) int(name string, v int64) {
	d.key(name)
	d.b = strconv.AppendInt(d.b, v, 10)
}

// addr writes an address member as its text (RFC 5952 for IPv6), or null
// for an invalid address.
func (d *document) addr(name string, a netip.Addr) {
	d.key(name)
	d.appendAddr(a)
}

// appendAddr writes an address value: its text, or null when invalid.
func (d *document) appendAddr(a netip.Addr) {
	if !a.IsValid() {
		d.b = append(d.b, "null"...)
		return
	}
	d.b = append(d.b, '"')
	d.b = a.AppendTo(d.b)
	d.b = append(d.b, '"')
}
