-- A status Argo CD does not know.
return {status = "Fine", message = "all good"}
