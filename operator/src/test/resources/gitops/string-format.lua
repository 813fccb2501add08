-- Uses the string library, which Argo CD opens only with useOpenLibs.
return {status = "Healthy", message = string.format("%d members", obj.spec.replicas)}
