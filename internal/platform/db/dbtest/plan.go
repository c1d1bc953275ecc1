package dbtest

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"channeld/internal/platform/db"
)

// Analyze updates the planner's statistics on PostgreSQL, so that plans of a small test
// catalogue choose between indexes by what they hold; on SQLite, which channeld runs without
// statistics, it does nothing.
func Analyze(t testing.TB, d *db.DB) {
	t.Helper()
	if d.Engine != db.Postgres {
		return
	}
	if _, err := d.Write().ExecContext(context.Background(), "ANALYZE"); err != nil {
		t.Fatal(err)
	}
}

// Plan is what a query's plan says about how it reads tables.
type Plan struct {
	// Text is the plan as the engine printed it, for failure messages.
	Text string
	// FullScans names the tables the plan reads whole: SQLite's SCAN of a table or of one of
	// its indexes, PostgreSQL's sequential scan.
	FullScans []string
	// NestedSorts counts the sorts that feed a page rather than order it: SQLite's below the
	// statement's top level (on a subquery's rows), PostgreSQL's below a Limit over rows that
	// no Limit of their own bounds; either is a whole scope sorted to take one page of it.
	NestedSorts int
}

// ExplainGeneric is Explain for a statement read through db.DB.Pages: on PostgreSQL it explains
// the generic plan that pool's connections keep, the plan of no particular values.
func ExplainGeneric(t testing.TB, d *db.DB, query string, args []any) Plan {
	t.Helper()
	if d.Engine == db.Postgres {
		return explainPostgres(t, context.Background(), d, query, args, true)
	}
	return Explain(t, d, query, args)
}

// Explain returns the plan of query, run with args, on d (on PostgreSQL, see explainPostgres).
func Explain(t testing.TB, d *db.DB, query string, args []any) Plan {
	t.Helper()
	ctx := context.Background()
	if d.Engine == db.Postgres {
		return explainPostgres(t, ctx, d, query, args, false)
	}
	rows, err := d.Read().QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", query, err)
	}
	defer rows.Close()
	aliases := tableAliases(query)
	var p Plan
	var lines, scans []string
	sorted := false
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%d/%d %s", id, parent, detail))
		if name, ok := strings.CutPrefix(detail, "SCAN "); ok && !strings.Contains(detail, "VIRTUAL TABLE") {
			name, _, _ = strings.Cut(name, " ")
			if table, known := aliases[name]; known {
				scans = append(scans, table)
				// A scan of an index at the statement's top level, in the index's order, that
				// a LIMIT ends and nothing sorts is a walk to the page's end, not a read of
				// the table.
				if parent != 0 || !strings.Contains(detail, " USING ") || !strings.Contains(query, " LIMIT ") {
					p.FullScans = append(p.FullScans, table)
				}
			}
		}
		if strings.HasPrefix(detail, "USE TEMP B-TREE") {
			sorted = true
			if parent != 0 {
				p.NestedSorts++
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if sorted {
		p.FullScans = scans
	}
	p.Text = strings.Join(lines, "\n")
	return p
}

var fromOrJoin = regexp.MustCompile(`(?i)\b(?:FROM|JOIN)\s+([a-z_]+)(?:\s+(?:AS\s+)?([a-z_]+))?`)

// tableAliases maps the names a query gives its tables (the table's own name and any alias)
// to the table, as SQLite's plan names them by alias.
func tableAliases(query string) map[string]string {
	out := map[string]string{}
	for _, m := range fromOrJoin.FindAllStringSubmatch(query, -1) {
		out[m[1]] = m[1]
		if alias := strings.ToUpper(m[2]); m[2] != "" && !slices.Contains(sqlWords, alias) {
			out[m[2]] = m[1]
		}
	}
	return out
}

// sqlWords are the keywords that may follow a table name and are no alias.
var sqlWords = []string{"WHERE", "JOIN", "ON", "CROSS", "LEFT", "INNER", "ORDER", "GROUP", "LIMIT", "UNION", "AND", "USING"}

// explainPostgres explains query twice. With sequential and plain index scans disabled, the
// planner can read a table only through a bitmap index scan, whose index condition comes from
// the query, or else sequentially: a sequential scan left then is a table no index serves.
// (Disabling sequential scans alone is not enough on a small test catalogue, where reading a
// whole index costs less than a selective one.) With only sequential scans disabled, the
// plan shows whether a page is cut from an index walk or from a sort below the Limit.
func explainPostgres(t testing.TB, ctx context.Context, d *db.DB, query string, args []any, generic bool) Plan {
	t.Helper()
	var p Plan
	access := explainWith(t, ctx, d, query, args, generic, "enable_seqscan", "enable_indexscan", "enable_indexonlyscan")
	order := explainWith(t, ctx, d, query, args, generic, "enable_seqscan")
	var lines []string
	var walk func(n pgNode, depth int, underLimit, access bool)
	walk = func(n pgNode, depth int, underLimit, access bool) {
		lines = append(lines, strings.Repeat("  ", depth)+n.NodeType+" "+n.RelationName+" "+n.IndexName)
		if access && n.NodeType == "Seq Scan" {
			p.FullScans = append(p.FullScans, n.RelationName)
		}
		if !access && underLimit && strings.HasSuffix(n.NodeType, "Sort") && !bounded(n) {
			p.NestedSorts++
		}
		for _, c := range n.Plans {
			walk(c, depth+1, underLimit || n.NodeType == "Limit", access)
		}
	}
	walk(access, 0, false, true)
	lines = append(lines, "-- ordered by:")
	walk(order, 0, false, false)
	walks := map[string]bool{}
	boundedWalks(order, false, walks)
	scans := p.FullScans
	p.FullScans = nil
	for _, table := range scans {
		if !walks[table] {
			p.FullScans = append(p.FullScans, table)
		}
	}
	p.Text = strings.Join(lines, "\n")
	return p
}

// boundedWalks records the tables read by index scans that a Limit ends with no sort or
// aggregate in between: walks to the page's end, which the planner cannot make of a plan
// without plain index scans.
func boundedWalks(n pgNode, limited bool, walks map[string]bool) {
	switch {
	case n.NodeType == "Limit":
		limited = true
	case strings.HasSuffix(n.NodeType, "Sort"), strings.Contains(n.NodeType, "Aggregate"), n.NodeType == "Hash",
		n.NodeType == "Materialize", n.NodeType == "Unique":
		limited = false
	case limited && (n.NodeType == "Index Scan" || n.NodeType == "Index Only Scan"):
		walks[n.RelationName] = true
	}
	for _, c := range n.Plans {
		boundedWalks(c, limited, walks)
	}
}

// bounded reports whether every table n reads is read through a Limit of its own, so that
// a sort at n orders a bounded number of rows.
func bounded(n pgNode) bool {
	if n.NodeType == "Limit" {
		return true
	}
	if n.RelationName != "" {
		return false
	}
	for _, c := range n.Plans {
		if !bounded(c) {
			return false
		}
	}
	return len(n.Plans) > 0
}

// explainWith returns the plan of query with the planner settings off turned off: the
// generic plan when generic is set (the statement prepared, and executed under
// plan_cache_mode = force_generic_plan), else the plan for args.
func explainWith(t testing.TB, ctx context.Context, d *db.DB, query string, args []any, generic bool, off ...string) pgNode {
	t.Helper()
	conn, err := d.Write().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if generic {
		off = append(off, "plan_cache_mode")
	}
	for _, setting := range off {
		value := "off"
		if setting == "plan_cache_mode" {
			value = "force_generic_plan"
		}
		if _, err := conn.ExecContext(ctx, "SET "+setting+" = "+value); err != nil {
			t.Fatal(err)
		}
		defer conn.ExecContext(ctx, "RESET "+setting) //nolint:errcheck // a failed reset ends with the connection
	}
	explain := "EXPLAIN (FORMAT JSON) " + query
	if generic {
		if _, err := conn.ExecContext(ctx, "PREPARE explained AS "+query); err != nil {
			t.Fatalf("prepare %s: %v", query, err)
		}
		defer conn.ExecContext(ctx, "DEALLOCATE explained") //nolint:errcheck // a failed deallocate ends with the connection
		// EXPLAIN takes no parameters of its own: EXECUTE's arguments are written as literals,
		// whose values a generic plan does not look at anyway.
		explain = "EXPLAIN (FORMAT JSON) EXECUTE explained"
		if len(args) > 0 {
			explain += "(" + literals(t, args) + ")"
		}
		args = nil
	}
	var raw string
	if err := conn.QueryRowContext(ctx, explain, args...).Scan(&raw); err != nil {
		t.Fatalf("explain %s: %v", query, err)
	}
	var doc []struct{ Plan pgNode }
	if err := json.Unmarshal([]byte(raw), &doc); err != nil || len(doc) != 1 {
		t.Fatalf("explain %s: %v in %s", query, err, raw)
	}
	return doc[0].Plan
}

// pgNode is one node of PostgreSQL's JSON plan.
type pgNode struct {
	NodeType     string   `json:"Node Type"`
	RelationName string   `json:"Relation Name"`
	IndexName    string   `json:"Index Name"`
	Plans        []pgNode `json:"Plans"`
}

// literals writes args as a list of SQL literals.
func literals(t testing.TB, args []any) string {
	t.Helper()
	out := make([]string, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case nil:
			out[i] = "NULL"
		case string:
			out[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		case int, int32, int64, float64, bool:
			out[i] = fmt.Sprint(v)
		default:
			t.Fatalf("explain: no literal for argument %d of type %T", i+1, a)
		}
	}
	return strings.Join(out, ", ")
}
