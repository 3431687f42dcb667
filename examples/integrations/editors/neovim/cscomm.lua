-- cscomm's language server in Neovim, through nvim-lspconfig.
-- Copy this file to ~/.config/nvim/plugin/cscomm.lua (or paste it into init.lua).
-- It needs `cscomm` on PATH (pip install cscomm, or point `cmd` at a virtualenv's cscomm).

local cmd = { "cscomm", "lsp" }
local filetypes = { "text", "markdown", "html", "mail" }   -- mail: mutt/aerc compose files, *.eml
local root_markers = { "cscomm.toml", ".cscomm.toml", "pyproject.toml", ".git" }

if vim.fn.has("nvim-0.11") == 1 then
  -- Neovim 0.11+ with nvim-lspconfig 2.x: the built-in vim.lsp.config API.
  vim.lsp.config("cscomm", { cmd = cmd, filetypes = filetypes, root_markers = root_markers })
  vim.lsp.enable("cscomm")
else
  -- Older Neovim with nvim-lspconfig's own registry of server configurations.
  local configs = require("lspconfig.configs")
  if not configs.cscomm then
    configs.cscomm = {
      default_config = {
        cmd = cmd,
        filetypes = filetypes,
        root_dir = require("lspconfig.util").root_pattern(unpack(root_markers)),
        single_file_support = true,
      },
    }
  end
  require("lspconfig").cscomm.setup({})
end

-- Mail compose files that Neovim does not recognise by name are mail too.
vim.filetype.add({ extension = { eml = "mail" }, pattern = { [".*/aerc%-compose%-.*"] = "mail" } })

-- Hover (K) shows the rule's documentation; a quick fix is one key away.
vim.keymap.set("n", "<leader>ca", vim.lsp.buf.code_action, { desc = "cscomm: fixes and ignores" })
