package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The rows of one table of a restored database. */
@JsonClassDescription("The rows of one table of a restored database.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableCount {

    @JsonPropertyDescription("The database.")
    private String database;

    @JsonPropertyDescription("The table, as schema.name.")
    private String table;

    @JsonPropertyDescription("Its rows, counted.")
    private Long rows;

    public TableCount() {}

    public TableCount(String database, String table, long rows) {
        this.database = database;
        this.table = table;
        this.rows = rows;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public Long getRows() {
        return rows;
    }

    public void setRows(Long rows) {
        this.rows = rows;
    }
}
