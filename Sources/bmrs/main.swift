import CLI

BMRS.start()
