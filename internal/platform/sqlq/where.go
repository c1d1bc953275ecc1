// Package sqlq builds the dynamic parts of queries: WHERE clauses from Medusa's filters
// (operator maps, id lists, free-text search and $and/$or groups), ORDER BY from a whitelist,
// the placeholders of IN (...) lists, and the count-and-page pair of list queries. It also
// holds the loops every store would otherwise write again: reading one row or all of them
// through a scan function, a kept count, a soft delete. Query bodies stay in the modules;
// only these fragments are shared. Placeholders are $1..$N, which both engines bind by number.
package sqlq

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"channeld/internal/platform/db"
)

// Where collects conditions joined with AND, and their arguments.
type Where struct {
	conds []string
	args  *[]any
	ilike string
	// ops holds the fields given operator maps (Op), here or in a sub-clause.
	ops map[string]bool
}

// NewWhere starts an empty WHERE clause; ilike is the engine's case-insensitive LIKE.
func NewWhere(ilike string) *Where {
	return &Where{args: new([]any), ilike: ilike, ops: map[string]bool{}}
}

// Sub returns an empty clause sharing w's arguments, for $and/$or groups.
func (w *Where) Sub() *Where { return &Where{args: w.args, ilike: w.ilike, ops: w.ops} }

// HasOp reports whether an operator map on field was added to w or to one of its
// sub-clauses, such as a deleted_at filter, which shows soft-deleted rows.
func (w *Where) HasOp(field string) bool { return w.ops[field] }

// In appends vals to *args and returns their placeholders, "$3, $4, $5" when two arguments
// came before: the inside of an IN (...) list, or of any list of arguments. The text depends
// only on how many arguments precede and how many values follow, so SQLite's statement
// cache, keyed by SQL text, keeps one statement per list length. vals must not be empty:
// "IN ()" is not SQL on either engine.
func In[T any](args *[]any, vals ...T) string {
	var sb strings.Builder
	for i, v := range vals {
		if i > 0 {
			sb.WriteString(", ")
		}
		*args = append(*args, v)
		sb.WriteByte('$')
		sb.WriteString(strconv.Itoa(len(*args)))
	}
	return sb.String()
}

// ILike returns the engine's case-insensitive LIKE operator the clause was made with.
func (w *Where) ILike() string { return w.ilike }

// Arg records an argument and returns its placeholder.
func (w *Where) Arg(v any) string { return In(w.args, v) }

// ArgList records each of vs as an argument and returns their placeholders, for an IN list
// that In (the method) cannot write, such as one inside a subquery. vs must not be empty.
// The list is padded as InSet pads it.
func (w *Where) ArgList(vs []string) string { return InSet(w.args, vs) }

// maxPaddedSet is the longest list InSet pads: longer ones come from batch writes, not
// page reads, and padding them further could pass SQLite's limit on arguments.
const maxPaddedSet = 1024

// InSet is In for the list of an IN (...) condition: it repeats the last value up to the
// next power of two (up to maxPaddedSet), which leaves the condition's meaning as it is and
// gives the statement one of a few texts rather than one per list length. PostgreSQL plans
// a prepared statement anew on each of its first five runs, and only then keeps a generic
// plan; a page loader's statement, whose list is as long as the page has products (1 to 50
// and more), otherwise kept being planned on every run, and planning cost more than running.
// SQLite's statement cache, keyed by text, keeps fewer statements too. vals must not be
// empty.
func InSet[T any](args *[]any, vals []T) string {
	n := len(vals)
	if n < 2 || n > maxPaddedSet {
		return In(args, vals...)
	}
	padded := 2
	for padded < n {
		padded *= 2
	}
	out := make([]T, padded)
	copy(out, vals)
	for i := n; i < padded; i++ {
		out[i] = vals[n-1]
	}
	return In(args, out...)
}

// Add appends a raw condition.
func (w *Where) Add(cond string) { w.conds = append(w.conds, cond) }

// Eq adds col = v.
func (w *Where) Eq(col string, v any) { w.Add(col + " = " + w.Arg(v)) }

// In adds col IN (...); an empty list matches nothing.
func (w *Where) In(col string, vs []string) {
	if len(vs) == 0 {
		w.Add("1 = 0")
		return
	}
	if len(vs) == 1 {
		w.Eq(col, vs[0])
		return
	}
	w.Add(col + " IN (" + w.ArgList(vs) + ")")
}

// InFilter adds one of Medusa's list filters, col IN (...): a nil list does not filter, an
// empty one matches nothing.
func (w *Where) InFilter(col string, vs []string) {
	if vs != nil {
		w.In(col, vs)
	}
}

// NotIn adds col NOT IN (...); an empty list excludes nothing.
func (w *Where) NotIn(col string, vs []string) {
	if len(vs) == 0 {
		return
	}
	w.Add(col + " NOT IN (" + w.ArgList(vs) + ")")
}

// Search adds Medusa's free-text search: q as a case-insensitive substring of any column.
// An empty q does not filter.
func (w *Where) Search(q string, cols ...string) {
	if q == "" {
		return
	}
	p := w.Arg(Contains(q))
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c + " " + w.ilike + " " + p + " ESCAPE '\\'"
	}
	w.Add("(" + strings.Join(parts, " OR ") + ")")
}

// Contains returns the LIKE pattern matching s anywhere in a value, s's own % and _ escaped
// with a backslash (the query says ESCAPE '\\').
func Contains(s string) string { return "%" + escapeLike(s) + "%" }

// escapeLike makes % and _ in a search term match themselves.
func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// AnyOf adds (a OR b ...) from sub-clauses made with Sub; empty sub-clauses match everything.
func (w *Where) AnyOf(subs []*Where) {
	if len(subs) == 0 {
		return
	}
	parts := make([]string, len(subs))
	for i, s := range subs {
		parts[i] = "(" + s.expr() + ")"
	}
	w.Add("(" + strings.Join(parts, " OR ") + ")")
}

// AllOf adds (a AND b ...) from sub-clauses made with Sub.
func (w *Where) AllOf(subs []*Where) {
	for _, s := range subs {
		w.Add("(" + s.expr() + ")")
	}
}

func (w *Where) expr() string {
	if len(w.conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(w.conds, " AND ")
}

// SQL returns " WHERE ..." or "" when there are no conditions.
func (w *Where) SQL() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// And returns the conditions joined with AND, prefixed with " AND ", or "".
func (w *Where) And() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " AND " + strings.Join(w.conds, " AND ")
}

// Args returns the arguments in placeholder order.
func (w *Where) Args() []any { return *w.args }

// TrigramPhrase returns q as an FTS5 phrase for a MATCH on one of SQLite's trigram indexes,
// and whether such an index serves q: on SQLite, for three characters or more. The trigram
// tokenizer matches a phrase as a substring; a shorter term has no trigram to look up and
// scans instead, as every term does through ILIKE on PostgreSQL, under pg_trgm's index.
func TrigramPhrase(e db.Engine, q string) (string, bool) {
	if e != db.SQLite || utf8.RuneCountInString(q) < 3 {
		return "", false
	}
	return `"` + strings.ReplaceAll(q, `"`, `""`) + `"`, true
}
