# Opens a Word file in LibreOffice (headless, over UNO), accepts or rejects all tracked changes,
# and saves the text as UTF-8 lines: what Word's Accept All / Reject All leave, read by an
# independent program. Used by word.ts.
#
#   /usr/bin/python3 test/e2e/lo_changes.py IN.docx accept|reject OUT.txt PROFILE_DIR
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    source, mode, out, profile = sys.argv[1:5]
    pipe = 'reso-changes-%d' % os.getpid()
    office = subprocess.Popen(
        ['soffice', '-env:UserInstallation=' + uno.systemPathToFileUrl(os.path.abspath(profile)), '--headless', '--invisible',
         '--norestore', '--accept=pipe,name=%s;urp;' % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        remote = None
        deadline = time.time() + 120
        while remote is None:
            try:
                remote = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
            except Exception:
                if time.time() > deadline or office.poll() is not None:
                    raise SystemExit('LibreOffice did not start listening on its pipe')
                time.sleep(0.1)
        manager = remote.ServiceManager
        desktop = manager.createInstanceWithContext('com.sun.star.frame.Desktop', remote)
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), '_blank', 0, (prop('Hidden', True),))
        if document is None:
            raise SystemExit('LibreOffice could not open ' + source)
        dispatcher = manager.createInstanceWithContext('com.sun.star.frame.DispatchHelper', remote)
        command = '.uno:AcceptAllTrackedChanges' if mode == 'accept' else '.uno:RejectAllTrackedChanges'
        dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, '', 0, ())
        document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop('FilterName', 'Text (encoded)'), prop('FilterOptions', 'UTF8,LF')))
        document.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as LibreOffice exits
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()


main()
