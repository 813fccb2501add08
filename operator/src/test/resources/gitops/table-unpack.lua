-- Lua 5.2 moved unpack into the table library: LuaJ runs this, Argo CD's Lua 5.1 does not.
local status, message = table.unpack({"Healthy", "unpacked"})
return {status = status, message = message}
