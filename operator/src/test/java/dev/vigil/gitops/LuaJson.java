package dev.vigil.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Converts JSON into the Lua values Argo CD hands a health check as {@code obj}: objects become
 * tables keyed by field name, arrays become tables indexed from 1 (so {@code ipairs} walks them),
 * numbers become Lua numbers and {@code null} becomes {@code nil}, so an absent field and a null
 * one read alike, as in Argo CD.
 */
final class LuaJson {

    private LuaJson() {}

    /** The Lua value of {@code node}. */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                LuaValue value = toLua(field.getValue());
                if (!value.isnil()) {
                    table.set(field.getKey(), value);
                }
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return LuaValue.valueOf(node.intValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.valueOf(node.asText());
    }
}
