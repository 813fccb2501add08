-- The same check in Lua 5.1, with the global unpack.
local status, message = unpack({"Healthy", "unpacked"})
return {status = status, message = message}
