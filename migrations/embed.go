// Package migrations holds the schema of every module as goose SQL files, one folder per
// engine with the same numbers, embedded so the binary migrates its own database.
package migrations

import "embed"

// Files holds sqlite/*.sql and postgres/*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var Files embed.FS
