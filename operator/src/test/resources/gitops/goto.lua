-- goto is Lua 5.2 syntax; gopher-lua accepts it since v1.1.0.
local status = "Degraded"
goto done
status = "Progressing"
::done::
return {status = status, message = "jumped"}
