# LTI 1.3 login from a learning platform (Canvas, Moodle, ...) for The Littlest JupyterHub.
# Optional. Install the authenticator into the hub's environment, copy this file into TLJH's
# config folder, fill in what your platform gave you when you registered the tool, and reload:
#   sudo /opt/tljh/hub/bin/python -m pip install jupyterhub-ltiauthenticator==1.6.3
#   sudo cp deploy/tljh/lti13.py /opt/tljh/config/jupyterhub_config.d/lti13.py
#   sudo tljh-config reload hub
# The platform's side of the registration (deploy/README.md, "LTI 1.3"):
#   OpenID Connect login URL  https://<your-hub>/hub/lti13/oauth_login
#   Redirect URI              https://<your-hub>/hub/lti13/oauth_callback
#   Tool configuration JSON   https://<your-hub>/hub/lti13/config
#   Target link URI           the nbgitpuller link of the chapter the assignment opens

c = get_config()  # noqa: F821 (traitlets defines get_config in config files)

c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"
# From the platform's tool registration (these are Canvas's; Moodle shows its own on the tool page).
c.LTI13Authenticator.issuer = "https://canvas.instructure.com"
c.LTI13Authenticator.authorize_url = "https://canvas.instructure.com/api/lti/authorize_redirect"
c.LTI13Authenticator.jwks_endpoint = "https://canvas.instructure.com/api/lti/security/jwks"
c.LTI13Authenticator.client_id = ["<the client ID your platform generated>"]
# JupyterHub user names: the platform's stable, opaque user id (no e-mail addresses in paths).
c.LTI13Authenticator.username_key = "sub"
# Everyone the platform launches may use the hub; the platform decides who is in the course.
c.Authenticator.allow_all = True
