-- The README's Neovim setup, as written there, with a handler that reports what the server
-- publishes and quits. Run: nvim --headless --clean -u test/e2e/neovim.lua FILE.reso
-- SERVER is the path of server/out/server.js, passed in the environment.
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = '*.reso',
  callback = function(args)
    vim.bo[args.buf].filetype = 'resolution'
    local client = vim.lsp.start_client({
      name = 'resolution',
      cmd = { 'node', os.getenv('SERVER'), '--stdio' },
      root_dir = vim.fn.getcwd(),
      handlers = {
        ['textDocument/publishDiagnostics'] = function(_, result)
          for _, d in ipairs(result.diagnostics) do
            io.stderr:write(string.format('DIAGNOSTIC %d:%d %s\n', d.range.start.line + 1, d.range.start.character + 1, d.code))
          end
          vim.schedule(function() vim.cmd('qa!') end)
        end,
      },
    })
    vim.lsp.buf_attach_client(args.buf, client)
  end,
})
