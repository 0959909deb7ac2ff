{{- define "couch.securityContext" -}}
securityContext:
  # expect: HELM007
  runAsUser: 0  # Run as root
  fsGroup: 5984
{{- end -}}
