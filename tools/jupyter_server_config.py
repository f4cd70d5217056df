# Jupyter server settings for `make lab` (the workshop): the notebooks stay as shipped.
#
# Every save goes through infoview_kit.workshop.notebooks.strip_on_save, which drops
# outputs, execution counts and widget state before the file is written. What a
# participant types is saved in their workbook folder by the forms, never in the
# notebooks: `git status` stays clean, a shared folder shares no contact, and a
# notebook reopened the next day shows no "Error displaying widget". A JupyterHub
# can use the same line in its own jupyter_server_config.py.
c = get_config()  # noqa: F821 (provided by Jupyter when it reads this file)
c.ContentsManager.pre_save_hook = "infoview_kit.workshop.notebooks.strip_on_save"
